import Locking
import SessionsAPI

/// A session's conversation digest as far as it was last computed, so a turn mixes in only
/// the messages added since (it used to hash every message of the session on every turn,
/// under the user's lock). Messages are only ever appended, and the digest remembers the id
/// of the last message it covers, so a stale or foreign one is never extended.
final class KonnectReplyDigest: Sendable, Equatable {
    private struct Covered {
        var mode: KonnectMode
        var count: Int
        var lastID: String
        var digest: MixAccumulator
    }

    private let covered = Locked<Covered?>(nil)

    /// The digest of `messages` in a conversation of `sessionID` under `mode`.
    func through(_ messages: [KonnectMessage], seed: UInt64, sessionID: String, mode: KonnectMode)
        -> MixAccumulator
    {
        var start = 0
        var digest = KonnectReplyGenerator.conversationStart(seed: seed, sessionID: sessionID, mode: mode)
        if let known = covered.withLock({ $0 }), known.mode == mode, known.count <= messages.count,
            known.count > 0, messages[known.count - 1].id == known.lastID
        {
            start = known.count
            digest = known.digest
        }
        for message in messages[start...] { KonnectReplyGenerator.add(message, to: &digest) }
        if let last = messages.last {
            let result = digest
            covered.withLock {
                $0 = Covered(mode: mode, count: messages.count, lastID: last.id, digest: result)
            }
        }
        return digest
    }

    /// A cache never makes two records differ.
    static func == (lhs: KonnectReplyDigest, rhs: KonnectReplyDigest) -> Bool { true }
}
