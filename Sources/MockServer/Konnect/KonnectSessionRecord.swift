import SessionsAPI

/// One stored session. Times are epoch seconds, formatted only on the way out; `sequence`
/// orders sessions created within the same second (the later one lists first).
struct KonnectSessionRecord: Codable, Sendable, Equatable {
    /// The fields, behind one reference: a page of 20 sessions or a GET copies records out
    /// of the user's dictionary, and a copy is now one retain instead of one per field.
    ///
    /// `@unchecked Sendable`, and why that is sound: a `Storage` is written only through
    /// `unique()`, that is only while the one record value that holds it holds the only
    /// reference to it. A `Storage` two values (and so possibly two threads) can reach is
    /// copied before any write, so it is never written while shared, only read.
    private final class Storage: @unchecked Sendable {
        var id: String
        var title: String
        var mode: KonnectMode
        var createdAt: Int64
        var updatedAt: Int64
        var sequence: Int
        var messages: [KonnectMessage]
        /// The wire bytes of this version of the record; replaced by every change.
        var encoded: KonnectEncodedForms
        /// The conversation's digest so far; survives changes, as it checks what it covers.
        let replyDigest: KonnectReplyDigest

        init(
            id: String, title: String, mode: KonnectMode, createdAt: Int64, updatedAt: Int64, sequence: Int,
            messages: [KonnectMessage], encoded: KonnectEncodedForms, replyDigest: KonnectReplyDigest
        ) {
            self.id = id
            self.title = title
            self.mode = mode
            self.createdAt = createdAt
            self.updatedAt = updatedAt
            self.sequence = sequence
            self.messages = messages
            self.encoded = encoded
            self.replyDigest = replyDigest
        }

        func copy() -> Storage {
            Storage(
                id: id, title: title, mode: mode, createdAt: createdAt, updatedAt: updatedAt,
                sequence: sequence,
                messages: messages, encoded: encoded, replyDigest: replyDigest)
        }
    }

    private var storage: Storage

    /// The storage, copied first if another record shares it; every change drops the
    /// cached wire bytes.
    private mutating func changing() -> Storage {
        let storage = unique()
        storage.encoded = KonnectEncodedForms()
        return storage
    }

    /// The storage, copied first if another record shares it.
    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    var id: String {
        get { storage.id }
        set { changing().id = newValue }
    }
    var title: String {
        get { storage.title }
        set { changing().title = newValue }
    }
    var mode: KonnectMode {
        get { storage.mode }
        set { changing().mode = newValue }
    }
    var createdAt: Int64 {
        get { storage.createdAt }
        set { changing().createdAt = newValue }
    }
    var updatedAt: Int64 {
        get { storage.updatedAt }
        set { changing().updatedAt = newValue }
    }
    /// Not part of the wire forms, so setting it keeps the cached bytes.
    var sequence: Int {
        get { storage.sequence }
        set { unique().sequence = newValue }
    }
    /// Appended to in place: the array stays unshared, so appending copies no message.
    var messages: [KonnectMessage] {
        get { storage.messages }
        _modify {
            let storage = changing()
            yield &storage.messages
        }
    }
    var encoded: KonnectEncodedForms { storage.encoded }
    var replyDigest: KonnectReplyDigest { storage.replyDigest }

    enum CodingKeys: String, CodingKey {
        case id, title, mode, createdAt, updatedAt, sequence, messages
    }

    init(
        id: String, title: String, mode: KonnectMode, createdAt: Int64, updatedAt: Int64, sequence: Int,
        messages: [KonnectMessage]
    ) {
        storage = Storage(
            id: id, title: title, mode: mode, createdAt: createdAt, updatedAt: updatedAt, sequence: sequence,
            messages: messages, encoded: KonnectEncodedForms(), replyDigest: KonnectReplyDigest())
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(String.self, forKey: .id),
            title: try container.decode(String.self, forKey: .title),
            mode: try container.decode(KonnectMode.self, forKey: .mode),
            createdAt: try container.decode(Int64.self, forKey: .createdAt),
            updatedAt: try container.decode(Int64.self, forKey: .updatedAt),
            sequence: try container.decode(Int.self, forKey: .sequence),
            messages: try container.decode([KonnectMessage].self, forKey: .messages))
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(mode, forKey: .mode)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(messages, forKey: .messages)
    }

    static func == (lhs: KonnectSessionRecord, rhs: KonnectSessionRecord) -> Bool {
        lhs.storage === rhs.storage
            || (lhs.id == rhs.id && lhs.title == rhs.title && lhs.mode == rhs.mode
                && lhs.createdAt == rhs.createdAt
                && lhs.updatedAt == rhs.updatedAt && lhs.sequence == rhs.sequence
                && lhs.messages == rhs.messages)
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
