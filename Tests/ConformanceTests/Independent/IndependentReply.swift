import MockServer

/// The independent server's stand-in for a model: a deterministic reply that depends on
/// what it was asked and on the conversation so far.
enum IndependentReply {
    private static let openers = [
        "Thanks for the details.", "Good question.", "Happy to help with that.", "Let me look at this.",
    ]
    private static let bodies = [
        "Here is what I would check first, step by step, before anything else.",
        "The short answer is yes, with a few caveats worth keeping in mind.",
        "There are two common causes, and both are quick to rule out.",
        "Most people in this situation start with the simplest explanation.",
    ]
    private static let closers = [
        "Tell me if you want more detail.", "I can expand on any part of this.",
        "Let me know how it goes.", "Ask again if something is unclear.",
    ]

    /// A reply to `prompt`, which is the last of `turn` messages seen.
    static func text(prompt: String, turn: Int, salt: String) -> String {
        let digest = SHA256.hash(Array("\(salt)|\(turn)|\(prompt)".utf8))
        let topic = prompt.split(whereSeparator: { $0.isWhitespace }).prefix(4).joined(separator: " ")
        let about = topic.isEmpty ? "" : " You asked about \"\(topic)\"."
        return openers[Int(digest[0]) % openers.count] + about + " "
            + bodies[Int(digest[1]) % bodies.count] + " " + closers[Int(digest[2]) % closers.count]
    }

    /// `text` cut to at most `budget` tokens, whole words only; whether it was cut.
    static func cap(_ text: String, budget: Int) -> (String, Bool) {
        guard IndependentTokens.count(text) > budget else { return (text, false) }
        var words = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        while !words.isEmpty && IndependentTokens.count(words.joined(separator: " ")) > budget {
            words.removeLast()
        }
        return (words.joined(separator: " "), true)
    }
}
