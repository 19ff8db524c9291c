import SessionsAPI

/// What shapes a reply besides the conversation.
struct CID222ReplyOptions: Sendable, Equatable {
    /// The most tokens the reply may have (`max_tokens`); nil for no cap.
    var maxTokens: Int?
    /// Style and length of generated text (`--reply-style`, `--reply-words`).
    var shape = ReplyShape()
}

/// A generated reply and why it ended.
struct CID222Reply: Sendable, Equatable {
    var text: String
    /// `end_turn`, or `max_tokens` when the cap cut the reply.
    var stopReason: String
}

/// The fake model. The reply depends only on the seed, the session id and the conversation
/// so far (which ends with the new, masked user message): readable sentences about the
/// user's topic (`ReplyComposer`).
enum CID222ReplyGenerator {
    static func reply(
        seed: UInt64, sessionID: String, conversation: [CID222ContextMessage], options: CID222ReplyOptions
    ) -> CID222Reply {
        let digest = conversation.reduce(transcriptStart(sessionID: sessionID)) { transcript($0, adding: $1) }
        return reply(
            seed: seed, transcript: digest, messageCount: conversation.count,
            lastMessage: conversation.last?.content ?? "", options: options)
    }

    /// The reply from the transcript digest of the whole conversation (`messageCount`
    /// messages, the last of them `lastMessage`), for callers that keep the digest as the
    /// history grows (`CID222HistoryDigest`).
    static func reply(
        seed: UInt64, transcript: UInt64, messageCount: Int, lastMessage: String, options: CID222ReplyOptions
    ) -> CID222Reply {
        var rng = SplitMix64(seed: SplitMix64.mix([seed, transcript, UInt64(messageCount)]))
        let text = ReplyComposer.compose(message: lastMessage, shape: options.shape, using: &rng)
        return capped(text, maxTokens: options.maxTokens)
    }

    /// The transcript digest of a conversation with no message yet.
    static func transcriptStart(sessionID: String) -> UInt64 {
        SplitMix64.digest(sessionID)
    }

    /// The transcript digest with one more message: its role and content, chained.
    static func transcript(_ transcript: UInt64, adding message: CID222ContextMessage) -> UInt64 {
        SplitMix64.mix([transcript, SplitMix64.digest(message.role), SplitMix64.digest(message.content)])
    }

    /// Cuts the text to at most `maxTokens` tokens, at a word boundary when one is in reach.
    /// Scripted replies may hold any text, so the cut backs off to a character boundary.
    static func capped(_ text: String, maxTokens: Int?) -> CID222Reply {
        guard let maxTokens, TokenCounter.count(text) > maxTokens else {
            return CID222Reply(text: text, stopReason: "end_turn")
        }
        let budget = maxTokens.multipliedReportingOverflow(by: 4).overflow ? Int.max : maxTokens * 4
        let bytes = Array(text.utf8)
        // Never end inside a multi-byte character: when the byte after the budget is a
        // continuation byte (10xxxxxx), back off to the start of its character.
        var end = min(budget, bytes.count)
        while end > 0 && end < bytes.count && bytes[end] & 0xC0 == 0x80 { end -= 1 }
        let prefix = Array(bytes[..<end])
        var cut = prefix
        if let space = prefix.lastIndex(of: UInt8(ascii: " ")), space > 0 {
            cut = Array(prefix[..<space])
        }
        return CID222Reply(text: String(decoding: cut, as: UTF8.self), stopReason: "max_tokens")
    }
}
