import JSONSchema

/// Which API a fault or a scripted reply applies to.
public enum MockAPI: String, Sendable, Equatable, CaseIterable {
    case cid222
    case konnect
    case any

    /// The API a request path belongs to; nil for admin and unknown paths.
    static func of(path: String) -> MockAPI? {
        switch APIErrorResponses.api(forPath: path) {
        case .cid222: return .cid222
        case .konnect: return .konnect
        case .admin: return nil
        }
    }

    func covers(_ api: MockAPI) -> Bool {
        self == .any || self == api
    }
}

/// A registered fault: which requests it matches, what it does, and how often.
public struct FaultRule: Sendable, Equatable {
    public var id: String
    public var namespace: String
    public var api: MockAPI
    /// nil matches every method.
    public var method: String?
    /// nil matches every path of the API.
    public var path: PathPattern?
    /// How many more requests it applies to; nil means until removed.
    public var remaining: Int?
    /// How many requests it has applied to so far.
    public var hits: Int = 0
    public var action: FaultAction

    /// Whether the fault applies to a request of `api` (nil: a path of neither API, which only
    /// `any` covers) with this method and path.
    func matches(api requestAPI: MockAPI?, method requestMethod: String, path requestPath: String) -> Bool {
        guard api == .any || api == requestAPI else { return false }
        if let method, method != requestMethod { return false }
        if let path, !path.matches(requestPath) { return false }
        return remaining.map { $0 > 0 } ?? true
    }
}

extension FaultRule {
    static let fieldNames: Set<String> = ["api", "method", "path", "times"]

    /// Reads a `POST /__admin/faults` body; the store gives the id.
    init(body: JSONValue, id: String, namespace: String) throws(AdminInputError) {
        let fields = try AdminFields(body)
        try fields.rejectUnknown(allowed: Self.fieldNames.union(FaultAction.fieldNames))
        var api = MockAPI.any
        if let name = try fields.string("api") {
            guard let parsed = MockAPI(rawValue: name) else {
                throw AdminInputError(field: "api", "must be cid222, konnect or any")
            }
            api = parsed
        }
        var method: String?
        if let text = try fields.string("method"), text != "*" {
            guard !text.isEmpty, text.utf8.count <= 32, text.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) else {
                throw AdminInputError(field: "method", "must be an upper-case HTTP method such as POST, or *")
            }
            method = text
        }
        var path: PathPattern?
        if let text = try fields.string("path") {
            guard let pattern = PathPattern(text) else {
                throw AdminInputError(
                    field: "path",
                    "must start with / and be at most \(PathPattern.maxLength) bytes and "
                        + "\(PathPattern.maxSegments) segments")
            }
            path = pattern
        }
        let times = try fields.int("times", in: 1...Int(Int32.max))
        let action = try FaultAction(fields: fields)
        if action.errorAfterEvents != nil && api == .konnect {
            // The `error` event is CID222's; Konnect's mock sends no streams to put it in.
            throw AdminInputError(
                field: "error_after", "applies only to CID222 message streams; use api cid222 or any")
        }
        self.init(
            id: id, namespace: namespace, api: api, method: method, path: path, remaining: times,
            action: action)
    }

    /// The rule as the admin API shows it.
    var json: JSONValue {
        var out = action.jsonFields
        out["id"] = .string(id)
        out["namespace"] = .string(namespace)
        out["api"] = .string(api.rawValue)
        out["method"] = .string(method ?? "*")
        out["path"] = .string(path?.description ?? "/**")
        if let remaining { out["remaining"] = .int(remaining) }
        out["hits"] = .int(hits)
        return .object(out)
    }
}
