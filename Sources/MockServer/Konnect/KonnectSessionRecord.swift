import SessionsAPI

/// One stored session. Times are epoch seconds, formatted only on the way out; `sequence`
/// orders sessions created within the same second (the later one lists first).
struct KonnectSessionRecord: Codable, Sendable, Equatable {
    var id: String
    var title: String
    var mode: KonnectMode
    var createdAt: Int64
    var updatedAt: Int64
    var sequence: Int
    var messages: [KonnectMessage]

    var summary: KonnectSessionSummary {
        KonnectSessionSummary(
            id: id, title: title, mode: mode.rawValue, messageCount: messages.count,
            createdAt: Timestamp.format(createdAt), updatedAt: Timestamp.format(updatedAt))
    }

    var detail: KonnectSessionDetail {
        KonnectSessionDetail(summary: summary, messages: messages)
    }

    /// Newest first: later `created_at`, then later creation.
    static func listsBefore(_ a: KonnectSessionRecord, _ b: KonnectSessionRecord) -> Bool {
        a.createdAt != b.createdAt ? a.createdAt > b.createdAt : a.sequence > b.sequence
    }
}
