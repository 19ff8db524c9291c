import SessionsAPI

/// One stored session. Times are epoch seconds, formatted only on the way out; `sequence`
/// orders sessions created within the same second (the later one lists first).
struct KonnectSessionRecord: Codable, Sendable, Equatable {
    var id: String { didSet { encoded = KonnectEncodedForms() } }
    var title: String { didSet { encoded = KonnectEncodedForms() } }
    var mode: KonnectMode { didSet { encoded = KonnectEncodedForms() } }
    var createdAt: Int64 { didSet { encoded = KonnectEncodedForms() } }
    var updatedAt: Int64 { didSet { encoded = KonnectEncodedForms() } }
    var sequence: Int
    /// Appending in place keeps the array unshared: the `didSet` does not read the old value.
    var messages: [KonnectMessage] { didSet { encoded = KonnectEncodedForms() } }
    /// The wire bytes of this version of the record; replaced by every change above.
    private(set) var encoded = KonnectEncodedForms()
    /// The conversation's digest so far; survives changes, as it checks what it covers.
    let replyDigest = KonnectReplyDigest()

    enum CodingKeys: String, CodingKey {
        case id, title, mode, createdAt, updatedAt, sequence, messages
    }

    init(
        id: String, title: String, mode: KonnectMode, createdAt: Int64, updatedAt: Int64, sequence: Int,
        messages: [KonnectMessage]
    ) {
        self.id = id
        self.title = title
        self.mode = mode
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.sequence = sequence
        self.messages = messages
    }

    var summary: KonnectSessionSummary {
        KonnectSessionSummary(
            id: id, title: title, mode: mode.rawValue, messageCount: messages.count,
            createdAt: Timestamp.format(createdAt), updatedAt: Timestamp.format(updatedAt))
    }

    var detail: KonnectSessionDetail {
        KonnectSessionDetail(summary: summary, messages: messages)
    }

    /// `summary` as sent, encoded once per version of the record.
    var summaryJSON: [UInt8] { encoded.summary { WireJSON.encode(summary) } }

    /// `detail` as sent, encoded once per version of the record.
    var detailJSON: [UInt8] { encoded.detail { WireJSON.encode(detail) } }

    /// Newest first: later `created_at`, then later creation.
    static func listsBefore(_ a: KonnectSessionRecord, _ b: KonnectSessionRecord) -> Bool {
        a.createdAt != b.createdAt ? a.createdAt > b.createdAt : a.sequence > b.sequence
    }
}
