import SessionsAPI

/// What a turn needs from a session's history, kept as the history grows so a turn costs
/// the same whatever came before: the transcript digest the reply is seeded from, and the
/// running token counts the context window is measured with. Both used to be recomputed
/// over every message on every send.
///
/// A cache, not state: it is not encoded, it never makes two records differ, and it covers
/// a prefix of the history it is asked about only if it ends with the same message;
/// otherwise it starts over.
struct CID222HistoryDigest: Sendable {
    /// Messages covered.
    private(set) var count = 0
    private var last: CID222ContextMessage?
    private var sessionID = ""
    /// The transcript digest through the covered messages, as `CID222ReplyGenerator` chains it.
    private(set) var transcript: UInt64 = 0
    /// `tokenPrefix[i]`: tokens of the first `i` messages.
    private var tokenPrefix: [Int] = [0]

    /// This digest brought up to `messages` of session `sessionID`.
    func covering(_ messages: [CID222ContextMessage], sessionID: String) -> CID222HistoryDigest {
        var digest = self
        let continues =
            digest.sessionID == sessionID && digest.count <= messages.count
            && (digest.count == 0 || messages[digest.count - 1] == digest.last)
        if !continues || digest.count == 0 {
            digest = CID222HistoryDigest()
            digest.sessionID = sessionID
            digest.transcript = CID222ReplyGenerator.transcriptStart(sessionID: sessionID)
        }
        for message in messages[digest.count...] {
            digest.transcript = CID222ReplyGenerator.transcript(digest.transcript, adding: message)
            digest.tokenPrefix.append(
                digest.tokenPrefix[digest.tokenPrefix.count - 1] + TokenCounter.count(message.content))
        }
        digest.count = messages.count
        digest.last = messages.last
        return digest
    }

    /// Tokens of the covered messages from index `start` on.
    func tokens(from start: Int) -> Int {
        let start = min(max(start, 0), count)
        return tokenPrefix[count] - tokenPrefix[start]
    }
}

extension CID222HistoryDigest: Equatable {
    /// A cache never makes two records differ.
    static func == (lhs: CID222HistoryDigest, rhs: CID222HistoryDigest) -> Bool { true }
}
