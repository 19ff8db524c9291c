/// Which documented operation a request addresses, read from its method and path alone.
enum ProxyOperation: Sendable, Equatable {
    case cidCreate
    case cidList
    case cidGet(String)
    case cidDelete(String)
    case cidSend(String)
    case konnectList
    case konnectGet(String)
    case konnectPatch(String)
    case konnectDelete(String)
    case konnectChat
    /// A path or method neither API documents: relayed, not judged.
    case unknown

    init(method: String, path: String) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        switch (method, parts.count) {
        case ("POST", 1) where parts[0] == "sessions": self = .cidCreate
        case ("GET", 1) where parts[0] == "sessions": self = .cidList
        case ("GET", 2) where parts[0] == "sessions": self = .cidGet(parts[1])
        case ("DELETE", 2) where parts[0] == "sessions": self = .cidDelete(parts[1])
        case ("POST", 3) where parts[0] == "sessions" && parts[2] == "messages": self = .cidSend(parts[1])
        case ("GET", 2) where parts == ["v1", "sessions"]: self = .konnectList
        case ("POST", 2) where parts == ["v1", "chat"]: self = .konnectChat
        case (_, 3) where parts[0] == "v1" && parts[1] == "sessions":
            switch method {
            case "GET": self = .konnectGet(parts[2])
            case "PATCH": self = .konnectPatch(parts[2])
            case "DELETE": self = .konnectDelete(parts[2])
            default: self = .unknown
            }
        default: self = .unknown
        }
    }

    var api: APIKind? {
        switch self {
        case .cidCreate, .cidList, .cidGet, .cidDelete, .cidSend: return .cid222
        case .konnectList, .konnectGet, .konnectPatch, .konnectDelete, .konnectChat: return .konnect
        case .unknown: return nil
        }
    }

    /// The session the path names, if any.
    var sessionID: String? {
        switch self {
        case .cidGet(let id), .cidDelete(let id), .cidSend(let id), .konnectGet(let id),
            .konnectPatch(let id),
            .konnectDelete(let id):
            return id
        default: return nil
        }
    }

    /// The requirement a 2xx answer's JSON body keeps by its shape (nil: no JSON body is due).
    var shapeRequirement: String? {
        switch self {
        case .cidCreate: return "CID-CREATE-RESPONSE-SHAPE"
        case .cidList: return "CID-LIST-SHAPE"
        case .cidGet: return "CID-GET-SHAPE"
        case .konnectList: return "KON-LIST-SHAPE"
        case .konnectGet: return "KON-GET-SHAPE"
        case .konnectPatch: return "KON-PATCH-RESPONSE-SHAPE"
        case .konnectDelete: return "KON-DELETE-RESPONSE"
        case .konnectChat: return "KON-CHAT-RESPONSE-SHAPE"
        case .cidDelete, .cidSend, .unknown: return nil
        }
    }

    /// The request body's schema in the API's OpenAPI document, for operations that take one.
    var requestSchema: String? {
        switch self {
        case .cidCreate: return "CreateSessionRequest"
        case .cidSend: return "SendMessageRequest"
        case .konnectPatch: return "UpdateSessionRequest"
        case .konnectChat: return "ChatRequest"
        default: return nil
        }
    }
}
