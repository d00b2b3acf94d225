import Foundation
import Workload

/// Messages taken in turn from an mbox file (wrapping around), shared by every user's task.
final class MboxMessageSource: PopulateMessageSource, @unchecked Sendable {
    private let lock = NSLock()
    private var reader: MboxReader
    private var generator: SeededRandom
    private let populate: PopulateConfiguration

    init(path: String, populate: PopulateConfiguration, seed: UInt64) throws {
        do {
            reader = try MboxReader(path: path)
        } catch {
            throw ProbeError.invalidConfiguration("mbox \(path): \(error)")
        }
        generator = SeededRandom(seed: seed)
        self.populate = populate
    }

    func nextMessage(user: String, mailbox: String, ordinal: Int) throws -> PopulateMessage {
        lock.withLock {
            let bytes = reader.next()
            return PopulateMessage(
                bytes: bytes, flags: PopulateFlags.draw(populate, using: &generator), internalDate: nil)
        }
    }
}
