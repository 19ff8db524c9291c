import SessionsAPI

/// What the model sees in one turn.
struct CID222ContextPlan: Sendable, Equatable {
    /// The summary standing in for the oldest `summarizedCount` messages, if any.
    var summary: String?
    var summarizedCount: Int
    /// Tokens of the summary, the unsummarized history and the new message together.
    var contextTokens: Int
}

/// Fits a turn into a model's context window. The context is [summary?] + the history not
/// yet summarized + the new message. While it is over the limit, the oldest unsummarized
/// message is folded, with the previous summary, into a new summary. Exactly at the limit
/// nothing is folded; one token over and at least one message is.
enum CID222ContextPlanner {
    enum Failure: Error, Equatable {
        /// Even with every earlier message folded into a summary, the new message does not fit.
        case messageTooLarge(needed: Int, limit: Int)
    }

    /// `keptTokens`, when the caller knows it, is the tokens of the history not yet
    /// summarized (from `summarizedCount` on): counting them is what grows with the session.
    static func plan(
        history: [CID222ContextMessage], summary: String?, summarizedCount: Int, newMessage: String,
        limit: Int, keptTokens known: Int? = nil
    ) -> Result<CID222ContextPlan, Failure> {
        let newTokens = TokenCounter.count(newMessage)
        var currentSummary = summary
        var folded = min(max(summarizedCount, 0), history.count)
        var keptTokens = known ?? history[folded...].reduce(0) { $0 + TokenCounter.count($1.content) }
        func total() -> Int {
            (currentSummary.map(TokenCounter.count) ?? 0) + keptTokens + newTokens
        }
        while total() > limit, folded < history.count {
            let message = history[folded]
            keptTokens -= TokenCounter.count(message.content)
            folded += 1
            currentSummary = CID222Summarizer.summarize(
                previous: currentSummary, folded: [message], covered: folded)
        }
        guard total() <= limit else { return .failure(.messageTooLarge(needed: total(), limit: limit)) }
        return .success(
            CID222ContextPlan(summary: currentSummary, summarizedCount: folded, contextTokens: total()))
    }
}
