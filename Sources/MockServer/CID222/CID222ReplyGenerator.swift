import SessionsAPI

/// What shapes a reply besides the conversation.
struct CID222ReplyOptions: Sendable, Equatable {
    /// The most tokens the reply may have (`max_tokens`); nil for no cap.
    var maxTokens: Int?
}

/// A generated reply and why it ended.
struct CID222Reply: Sendable, Equatable {
    var text: String
    /// `end_turn`, or `max_tokens` when the cap cut the reply.
    var stopReason: String
}

/// The fake model. The reply depends only on the seed, the session id and the conversation
/// so far (which ends with the new, masked user message): plain sentences drawn from a
/// fixed vocabulary. The one place a later issue can add scripted replies.
enum CID222ReplyGenerator {
    private static let openers = [
        "Thanks for the details.", "Happy to help with that.", "Here is what I found.", "Good question.",
        "Let me walk through it.", "Understood.",
    ]
    private static let words = [
        "the", "order", "account", "session", "update", "status", "request", "team", "support", "details",
        "shipping", "invoice", "change", "review", "system", "record", "message", "reply", "today", "next",
        "step", "check", "confirm", "policy", "refund", "option", "setting", "summary", "context", "token",
        "model", "answer", "quickly", "clearly", "carefully", "again", "soon", "your", "our", "this",
    ]

    static func reply(
        seed: UInt64, sessionID: String, conversation: [CID222ContextMessage], options: CID222ReplyOptions
    ) -> CID222Reply {
        var transcript = SplitMix64.digest(sessionID)
        for message in conversation {
            transcript = SplitMix64.mix([
                transcript, SplitMix64.digest(message.role), SplitMix64.digest(message.content),
            ])
        }
        var rng = SplitMix64(seed: SplitMix64.mix([seed, transcript, UInt64(conversation.count)]))
        var sentences = [openers[Int(rng.next() % UInt64(openers.count))]]
        let sentenceCount = 1 + Int(rng.next() % 3)
        for _ in 0..<sentenceCount {
            let length = 4 + Int(rng.next() % 6)
            var picked = (0..<length).map { _ in words[Int(rng.next() % UInt64(words.count))] }
            picked[0] = picked[0].prefix(1).uppercased() + picked[0].dropFirst()
            sentences.append(picked.joined(separator: " ") + ".")
        }
        return capped(sentences.joined(separator: " "), maxTokens: options.maxTokens)
    }

    /// Cuts the text to at most `maxTokens` tokens, at a word boundary when one is in reach.
    /// The vocabulary is ASCII, so cutting bytes never splits a character.
    static func capped(_ text: String, maxTokens: Int?) -> CID222Reply {
        guard let maxTokens, TokenCounter.count(text) > maxTokens else {
            return CID222Reply(text: text, stopReason: "end_turn")
        }
        let budget = maxTokens.multipliedReportingOverflow(by: 4).overflow ? Int.max : maxTokens * 4
        let prefix = Array(text.utf8.prefix(budget))
        var cut = prefix
        if let space = prefix.lastIndex(of: UInt8(ascii: " ")), space > 0 {
            cut = Array(prefix[..<space])
        }
        return CID222Reply(text: String(decoding: cut, as: UTF8.self), stopReason: "max_tokens")
    }
}
