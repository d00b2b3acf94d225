import Foundation
import Workload

/// Synthetic messages from Workload's `MessageSynthesizer`, one reproducible message per
/// (user, mailbox, position): a top-up run makes new messages with new Message-IDs, and the
/// same seed fills a fresh server identically. Needs no lock since nothing is shared.
struct SyntheticMessageSource: PopulateMessageSource {
    let populate: PopulateConfiguration
    let seed: UInt64

    init(populate: PopulateConfiguration, seed: UInt64) {
        self.populate = populate
        self.seed = seed
    }

    func nextMessage(user: String, mailbox: String, ordinal: Int) throws -> PopulateMessage {
        var generator = SeededRandom(seed: seed).derived(
            stream: Self.stream(user: user, mailbox: mailbox, ordinal: ordinal))
        var synthesizer = MessageSynthesizer(seed: generator.next(), sizes: populate.size)
        let bytes = synthesizer.nextMessage()
        return PopulateMessage(
            bytes: bytes, flags: PopulateFlags.draw(populate, using: &generator),
            internalDate: PopulateFlags.internalDate(using: &generator))
    }

    /// A stable stream number (FNV-1a of user and mailbox, mixed with the position).
    static func stream(user: String, mailbox: String, ordinal: Int) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in user.utf8 + [0] + mailbox.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash ^ (UInt64(truncatingIfNeeded: ordinal) &* 0x9e37_79b9_7f4a_7c15)
    }
}
