/// A session's running token totals (`token_usage`).
public struct CID222TokenUsage: Codable, Sendable, Equatable {
    public var totalTokens: Int
    public var totalCost: Double

    public init(totalTokens: Int, totalCost: Double) {
        self.totalTokens = totalTokens
        self.totalCost = totalCost
    }

    enum CodingKeys: String, CodingKey {
        case totalTokens = "total_tokens"
        case totalCost = "total_cost"
    }
}

/// One message of a session's full history (`context` of `GET /sessions/:id`).
public struct CID222ContextMessage: Codable, Sendable, Equatable {
    /// `user` or `assistant`.
    public var role: String
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }
}

/// A session as `POST /sessions` and `GET /sessions` return it. `session_name` and `user_id`
/// are written as `null` when unset (the contract states it), so they are always present.
public struct CID222Session: Codable, Sendable, Equatable {
    public var id: String
    public var sessionName: String?
    public var userID: String?
    public var tenantID: String
    public var createdAt: String
    public var updatedAt: String
    public var tokenUsage: CID222TokenUsage

    public init(
        id: String, sessionName: String?, userID: String?, tenantID: String, createdAt: String,
        updatedAt: String,
        tokenUsage: CID222TokenUsage
    ) {
        self.id = id
        self.sessionName = sessionName
        self.userID = userID
        self.tenantID = tenantID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.tokenUsage = tokenUsage
    }

    enum CodingKeys: String, CodingKey {
        case id
        case sessionName = "session_name"
        case userID = "user_id"
        case tenantID = "tenant_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case tokenUsage = "token_usage"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(sessionName, forKey: .sessionName)
        try c.encode(userID, forKey: .userID)
        try c.encode(tenantID, forKey: .tenantID)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encode(tokenUsage, forKey: .tokenUsage)
    }
}

/// `GET /sessions/:id`: the session and its full history, oldest first.
public struct CID222SessionDetail: Codable, Sendable, Equatable {
    public var session: CID222Session
    public var context: [CID222ContextMessage]

    public init(session: CID222Session, context: [CID222ContextMessage]) {
        self.session = session
        self.context = context
    }

    enum CodingKeys: String, CodingKey { case context }

    public init(from decoder: any Decoder) throws {
        session = try CID222Session(from: decoder)
        context = try decoder.container(keyedBy: CodingKeys.self).decode(
            [CID222ContextMessage].self, forKey: .context)
    }

    public func encode(to encoder: any Encoder) throws {
        try session.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(context, forKey: .context)
    }
}
