/// A session as `GET /v1/sessions` lists it and `PATCH /v1/sessions/:id` returns it.
public struct KonnectSessionSummary: Codable, Sendable, Equatable {
    /// `sess_` followed by 24 base62 characters in the mock.
    public var id: String
    public var title: String
    /// A `KonnectMode` raw value; kept as text so the runner can decode any deployment.
    public var mode: String
    public var messageCount: Int
    public var createdAt: String
    public var updatedAt: String

    public init(
        id: String, title: String, mode: String, messageCount: Int, createdAt: String, updatedAt: String
    ) {
        self.id = id
        self.title = title
        self.mode = mode
        self.messageCount = messageCount
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, title, mode
        case messageCount = "message_count"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

/// One message of a session's history.
public struct KonnectMessage: Codable, Sendable, Equatable {
    /// `msg_` followed by 24 base62 characters in the mock.
    public var id: String
    /// `user` or `assistant`.
    public var role: String
    public var content: String
    public var createdAt: String
    /// The models that wrote an assistant message; absent on user messages.
    public var modelsUsed: [String]?

    public init(id: String, role: String, content: String, createdAt: String, modelsUsed: [String]? = nil) {
        self.id = id
        self.role = role
        self.content = content
        self.createdAt = createdAt
        self.modelsUsed = modelsUsed
    }

    enum CodingKeys: String, CodingKey {
        case id, role, content
        case createdAt = "created_at"
        case modelsUsed = "models_used"
    }
}

/// `GET /v1/sessions/:id`: the summary's fields plus every message in order.
public struct KonnectSessionDetail: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var mode: String
    public var messageCount: Int
    public var createdAt: String
    public var updatedAt: String
    public var messages: [KonnectMessage]

    public init(summary: KonnectSessionSummary, messages: [KonnectMessage]) {
        id = summary.id
        title = summary.title
        mode = summary.mode
        messageCount = summary.messageCount
        createdAt = summary.createdAt
        updatedAt = summary.updatedAt
        self.messages = messages
    }

    enum CodingKeys: String, CodingKey {
        case id, title, mode, messages
        case messageCount = "message_count"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}
