import Foundation
import NIOCore
import NIOSSL

/// Makes the TLS handler of a connection from a shared, cached `NIOSSLContext`.
///
/// Building a context loads the system trust store, far too slow to repeat for each of thousands of
/// connections, so contexts are cached per (verification, CA file).
struct TLSHandlerFactory: Sendable {
    private struct Key: Hashable {
        var verify: Bool
        var caFile: String?
    }

    private static let cache = ContextCache()

    let context: NIOSSLContext
    /// SNI and the name checked; `nil` for an IP address, which is then checked against the peer address.
    let serverHostname: String?

    init(configuration: ConnectionConfiguration) throws {
        context = try Self.context(verify: configuration.verifyCertificates, caFile: configuration.caFile)
        let name = configuration.serverName ?? configuration.host
        serverHostname = Self.isIPAddress(name) ? nil : name
    }

    func makeHandler() throws -> NIOSSLClientHandler {
        try NIOSSLClientHandler(context: context, serverHostname: serverHostname)
    }

    private static func context(verify: Bool, caFile: String?) throws -> NIOSSLContext {
        let key = Key(verify: verify, caFile: caFile)
        if let cached = cache.get(key) { return cached }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = verify ? .fullVerification : .none
        if let caFile { tls.additionalTrustRoots = [.file(caFile)] }
        let context = try NIOSSLContext(configuration: tls)
        cache.set(key, context)
        return context
    }

    /// The one place shared between connections (and so between event loops), hence the lock.
    private final class ContextCache: @unchecked Sendable {
        private let lock = NSLock()
        private var contexts: [Key: NIOSSLContext] = [:]
        func get(_ key: Key) -> NIOSSLContext? { lock.withLock { contexts[key] } }
        func set(_ key: Key, _ context: NIOSSLContext) { lock.withLock { contexts[key] = context } }
    }

    private static func isIPAddress(_ name: String) -> Bool {
        name.contains(":") || (!name.isEmpty && name.allSatisfy { $0 == "." || $0.isNumber })
    }
}
