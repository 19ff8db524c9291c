/// `GET /v1/sessions`: one page of the caller's sessions, newest first.
public struct KonnectSessionList: Codable, Sendable, Equatable {
    /// Always `list`.
    public var object: String
    public var data: [KonnectSessionSummary]
    /// Whether sessions remain after this page.
    public var hasMore: Bool
    /// How many sessions the caller has in all.
    public var total: Int

    public init(data: [KonnectSessionSummary], hasMore: Bool, total: Int) {
        object = "list"
        self.data = data
        self.hasMore = hasMore
        self.total = total
    }

    enum CodingKeys: String, CodingKey {
        case object, data, total
        case hasMore = "has_more"
    }
}

/// `DELETE /v1/sessions/:id`: what was deleted.
public struct KonnectDeletedSession: Codable, Sendable, Equatable {
    public var id: String
    /// Always `session.deleted`.
    public var object: String
    public var deleted: Bool

    public init(id: String) {
        self.id = id
        object = "session.deleted"
        deleted = true
    }
}

/// `POST /v1/chat`: the assistant's reply and where it was stored.
public struct KonnectChatMessage: Codable, Sendable, Equatable {
    /// The assistant message's id, as the session's history shows it.
    public var id: String
    /// Always `chat.message`.
    public var object: String
    public var sessionID: String
    /// Always `assistant`.
    public var role: String
    public var content: String
    /// The mode this turn ran in.
    public var mode: String
    public var modelsUsed: [String]
    public var createdAt: String

    public init(message: KonnectMessage, sessionID: String, mode: String) {
        id = message.id
        object = "chat.message"
        self.sessionID = sessionID
        role = message.role
        content = message.content
        self.mode = mode
        modelsUsed = message.modelsUsed ?? []
        createdAt = message.createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, object, role, content, mode
        case sessionID = "session_id"
        case modelsUsed = "models_used"
        case createdAt = "created_at"
    }
}

/// Konnect's error body: `{"error": {"code", "message", "status", "param"?}}`.
public struct KonnectErrorBody: Codable, Sendable, Equatable {
    public struct Detail: Codable, Sendable, Equatable {
        public var code: String
        public var message: String
        public var status: Int
        /// The parameter or body field at fault, when one is.
        public var param: String?

        public init(code: String, message: String, status: Int, param: String? = nil) {
            self.code = code
            self.message = message
            self.status = status
            self.param = param
        }
    }

    public var error: Detail

    public init(error: Detail) {
        self.error = error
    }
}
