import SessionsAPI

/// Everything the mock keeps about one CID222 session, including what the model sees:
/// the rolling summary of the oldest `summarizedCount` messages.
public struct CID222SessionRecord: Codable, Sendable, Equatable {
    public var id: String
    public var tenantID: String
    public var sessionName: String?
    public var userID: String?
    public var createdAt: Int64
    public var updatedAt: Int64
    /// Insertion order within the namespace; breaks ties between equal `createdAt`.
    public var sequence: Int
    /// The full history, oldest first; the user messages as masked by the PII filter.
    public var messages: [CID222ContextMessage]
    /// The summary standing in for `messages[..<summarizedCount]` in the model's context.
    public var summary: String?
    public var summarizedCount: Int
    public var totalTokens: Int
    public var totalCostMicros: Int64
    /// Derived from `messages` as it grows; brought up to date where turns are committed.
    var history = CID222HistoryDigest()

    enum CodingKeys: String, CodingKey {
        case id, tenantID, sessionName, userID, createdAt, updatedAt, sequence, messages, summary,
            summarizedCount
        case totalTokens, totalCostMicros
    }

    /// The wire form without history.
    var session: CID222Session {
        CID222Session(
            id: id, sessionName: sessionName, userID: userID, tenantID: tenantID,
            createdAt: Timestamp.format(createdAt), updatedAt: Timestamp.format(updatedAt),
            tokenUsage: CID222TokenUsage(
                totalTokens: totalTokens, totalCost: CID222Model.dollars(micros: totalCostMicros)))
    }

    /// The wire form with the full history.
    var detail: CID222SessionDetail {
        CID222SessionDetail(session: session, context: messages)
    }
}

/// What a finished turn adds to a session. Built completely before the stream is written,
/// committed only after the client has received every event up to `message_stop`.
struct CID222TurnCommit: Sendable {
    /// The history length the turn was planned against; a different one means another
    /// turn landed first and this one must not be applied on top of it.
    var expectedMessageCount: Int
    var userMessage: String
    var assistantMessage: String
    var summary: String?
    var summarizedCount: Int
    var tokens: Int
    var costMicros: Int64
}
