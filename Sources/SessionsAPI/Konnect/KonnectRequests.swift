/// The body of `POST /v1/chat`, for clients of the API (the mock reads bodies field by field
/// so it can name the field at fault).
public struct KonnectChatRequest: Codable, Sendable, Equatable {
    public var message: String
    /// Continue this session; absent starts a new one.
    public var sessionID: String?
    /// A `KonnectMode` raw value.
    public var mode: String?

    public init(message: String, sessionID: String? = nil, mode: String? = nil) {
        self.message = message
        self.sessionID = sessionID
        self.mode = mode
    }

    enum CodingKeys: String, CodingKey {
        case message, mode
        case sessionID = "session_id"
    }
}

/// The body of `PATCH /v1/sessions/:id`.
public struct KonnectSessionUpdate: Codable, Sendable, Equatable {
    public var title: String

    public init(title: String) {
        self.title = title
    }
}
