/// Decides what the model sees for one CID222 turn: the stored history, condensed when it
/// would not fit the model's window, plus the new user message.
struct IndependentContext: Sendable {
    /// The texts the model sees, oldest first (a summary, if any, comes first).
    var texts: [String]
    var inputTokens: Int
    /// How many of the oldest stored messages the model saw only through the summary.
    var summarizedMessages: Int
    /// The most tokens the reply may use so the whole window stays within the limit.
    var replyBudget: Int
}

enum IndependentSummarizer {
    /// The part of the window kept free for the reply.
    static func replyReserve(limit: Int) -> Int {
        max(1, min(256, limit / 4))
    }

    // Differs: the mock folds the oldest messages one at a time into a rolling summary it
    // keeps between turns vs we recompute each turn from the full history, folding the oldest
    // half into one summary, then half of what is left, until it fits; the seed allows it
    // because it only says older messages are summarized to stay within the limit.
    static func plan(history: [String], newMessage: String, limit: Int) -> IndependentContext {
        let reserve = replyReserve(limit: limit)
        let budget = max(0, limit - reserve)
        var texts = history + [newMessage]
        var folded = 0
        while IndependentTokens.input(texts) > budget && folded < history.count {
            let remaining = history.count - folded
            folded += max(1, (remaining + 1) / 2)
            texts = [summary(of: Array(history[..<folded]))] + history[folded...] + [newMessage]
        }
        if IndependentTokens.input(texts) > budget {
            texts = fitNewest(texts, budget: budget)
        }
        let input = IndependentTokens.input(texts)
        return IndependentContext(
            texts: texts, inputTokens: input, summarizedMessages: folded,
            replyBudget: max(0, min(reserve, limit - input)))
    }

    /// A short stand-in for `messages`: how many there were and a few of their longer words.
    static func summary(of messages: [String]) -> String {
        var topics: [String] = []
        for message in messages {
            for word in message.split(whereSeparator: { !$0.isLetter }) where word.count >= 5 {
                let lower = word.lowercased()
                if !topics.contains(lower) && topics.count < 6 { topics.append(lower) }
            }
        }
        let about = topics.isEmpty ? "" : " about " + topics.joined(separator: ", ")
        return "Summary of \(messages.count) earlier messages\(about)."
    }

    /// When even the summary and the new message are too long: keep the newest words of the
    /// new message, and drop the summary if nothing else fits.
    private static func fitNewest(_ texts: [String], budget: Int) -> [String] {
        guard let last = texts.last else { return [] }
        var kept = Array(texts.dropLast())
        var words = last.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        while !words.isEmpty && IndependentTokens.input(kept + [words.joined(separator: " ")]) > budget {
            if words.count > 1 {
                words.removeFirst()
            } else if !kept.isEmpty {
                kept.removeAll()
            } else {
                words.removeAll()
            }
        }
        return kept + [words.joined(separator: " ")]
    }
}
