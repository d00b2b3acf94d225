import Foundation

/// SIGINT / SIGTERM handling: the first asks for a clean stop (in-flight commands drain,
/// sessions LOG OUT), the second for an immediate one. Either way the run keeps what it measured.
public final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var sources: [DispatchSourceSignal] = []
    private var count = 0
    private let onSignal: @Sendable (_ immediate: Bool) -> Void

    public init(onSignal: @escaping @Sendable (_ immediate: Bool) -> Void) {
        self.onSignal = onSignal
    }

    public func install() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in self?.received() }
            source.resume()
            sources.append(source)
        }
    }

    public func uninstall() {
        sources.forEach { $0.cancel() }
        sources.removeAll()
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    private func received() {
        lock.lock()
        count += 1
        let immediate = count > 1
        lock.unlock()
        onSignal(immediate)
    }
}
