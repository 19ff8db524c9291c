import JSONSchema

/// The API a scenario talks to.
public enum APIKind: String, Sendable, Codable, CaseIterable {
    case cid222
    case konnect

    /// Where a session of this API is deleted, for the end-of-run cleanup.
    func deletePath(forSession id: String) -> String {
        switch self {
        case .cid222: return "/sessions/\(id)"
        case .konnect: return "/v1/sessions/\(id)"
        }
    }
}

/// Who a request is sent as. `a` and `b` are the two configured identities; the others are
/// derived from `a` (or absent) to probe authentication.
public enum Identity: String, Sendable, Codable, CaseIterable {
    case a
    case b
    /// No `Authorization` header.
    case none
    /// `a`'s credential with its signature (or key) altered.
    case forged
    /// A credential that has expired (CID222 only).
    case expired
    /// `a`'s claims re-signed with `alg: none` (CID222 only).
    case algNone
    /// A correctly signed JWT without `sub` and `exp` (CID222, in-process mock only).
    case noClaims
}

/// A scenario: one area of an API, run as a sequence of steps that share captured values.
public struct Scenario: Sendable {
    public var name: String
    public var api: APIKind
    /// The file it was loaded from, relative to the specs directory.
    public var file: String
    public var summary: String
    /// Identities that must be configured, or the scenario is skipped (and says why).
    public var requires: [Identity]
    /// Checks choices of the built-in mock that the seeds leave open (its token rule, price
    /// table, blocklist): skipped, with the reason, against any other target.
    public var mockOnly: Bool
    public var steps: [Step]
}

/// One request (possibly repeated) with what to capture from its answer and what to expect.
public struct Step: Sendable {
    public var name: String
    /// How many times to send it: a number, or a `${variable}` holding one.
    public var repeatCount: JSONValue
    /// A pause before the step, for checks that need the target's clock to move a second.
    public var delayMilliseconds: Int
    /// Variables set before the request; `name[]` appends to a list.
    public var assignments: [(name: String, value: JSONValue)]
    public var request: RequestTemplate
    /// Variables taken from the answer by JSON pointer; `name[]` appends to a list.
    public var captures: [(name: String, pointer: String)]
    /// A pointer to the id of a session the request created, so the run deletes it at the end.
    public var createsSession: String?
    /// A session id (template) this step deletes, so the end-of-run cleanup skips it.
    public var deletesSession: String?
    public var expectations: [Expectation]
}

/// A request with `${variable}` placeholders.
public struct RequestTemplate: Sendable {
    public var method: String
    public var path: String
    public var query: [(name: String, value: String)]
    public var identity: Identity
    public var headers: [(name: String, value: String)]
    public var body: Body

    public enum Body: Sendable {
        case none
        /// A JSON value, sent as `application/json` unless a header says otherwise.
        case json(JSONValue)
        /// Text sent as it is (malformed JSON, other media types).
        case raw(String)
        /// A JSON object whose one string field holds this many bytes: for size limits.
        case oversized(field: String, bytes: Int)
    }
}

/// One check on a step's answer, naming the requirements it verifies.
public struct Expectation: Sendable {
    public var requirements: [String]
    /// Only checked when the status is one of these (lenient branches of silent seeds).
    public var onlyWhenStatus: [Int]?
    /// A check of a field the seed never names: when the answer does not carry the field at
    /// all, the check is blocked rather than failed, so a requirement the seed states is not
    /// failed over a field name that is only our convention (its absence is the shape
    /// requirement's business).
    public var onlyIfReported: Bool
    public var check: Check

    public init(requirements: [String], onlyWhenStatus: [Int]?, onlyIfReported: Bool = false, check: Check) {
        self.requirements = requirements
        self.onlyWhenStatus = onlyWhenStatus
        self.onlyIfReported = onlyIfReported
        self.check = check
    }
}

/// What an expectation checks.
public enum Check: Sendable {
    case status([Int])
    /// The media type of `Content-Type` (parameters ignored) is this one.
    case mediaType(String)
    case header(name: String, rule: HeaderRule)
    /// The value at `pointer` of the body validates against a named schema of the API's
    /// OpenAPI document (`#/components/schemas/<name>`).
    case schema(name: String, pointer: String)
    /// Each session of the list at `pointer` validates against the named schema, whichever
    /// list shape the target uses (a bare array, or an object holding one under `data` or
    /// `sessions`).
    case listItemSchema(name: String, pointer: String)
    case pointer(String, PointerRule)
    /// A named check written in Swift, for properties across requests.
    case invariant(name: String, arguments: JSONValue)
}

public enum HeaderRule: Sendable {
    case present
    case absent
    case equals(String)
    case contains(String)
}

/// A rule on the value at a JSON pointer. Operands may hold `${variables}`.
public enum PointerRule: Sendable {
    case exists(Bool)
    case equals(JSONValue)
    case notEquals(JSONValue)
    case type(String)
    case matches(String)
    case count(Int)
    case countAtLeast(Int)
    case countAtMost(Int)
    case atLeast(JSONValue)
    case atMost(JSONValue)
    /// A timestamp strictly later than the operand's.
    case after(JSONValue)
    /// An array holding an element equal to the operand.
    case contains(JSONValue)
    case notContains(JSONValue)
}
