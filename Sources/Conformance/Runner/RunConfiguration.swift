import Foundation
import JSONSchema

/// The credentials a run may use. Values never reach output: reports show the
/// environment variable a user would hold them in instead.
public struct Credentials: Sendable {
    /// CID222 user JWTs of two different tenants.
    public var token: String?
    public var tokenB: String?
    /// A JWT that is correctly signed but expired (only a party holding the signing secret
    /// can make one, e.g. the in-process mock).
    public var expiredToken: String?
    /// A correctly signed JWT without `sub` and `exp` (again only from the secret's holder).
    public var claimlessToken: String?
    /// Konnect API keys of two different users.
    public var apiKey: String?
    public var apiKeyB: String?

    public init(
        token: String? = nil, tokenB: String? = nil, expiredToken: String? = nil,
        claimlessToken: String? = nil,
        apiKey: String? = nil, apiKeyB: String? = nil
    ) {
        self.claimlessToken = claimlessToken
        self.token = token
        self.tokenB = tokenB
        self.expiredToken = expiredToken
        self.apiKey = apiKey
        self.apiKeyB = apiKeyB
    }
}

/// Everything that shapes one conformance run.
public struct RunConfiguration: Sendable {
    public var apis: [APIKind]
    /// The folder holding `requirements.json`, `<api>/openapi.json` and `<api>/scenarios/`.
    public var specsDirectory: URL
    public var credentials: Credentials
    /// The CID222 model for message sends, and its context window in tokens.
    public var model: String
    public var contextLimit: Int
    /// Deviations from `inferred` requirements count as failures.
    public var strict: Bool
    /// Upper bound on requests sent by scenarios (cleanup requests are not counted).
    public var maxRequests: Int?
    /// How often a 429 answer is retried, and the longest `Retry-After` honoured (seconds).
    public var maxRetries: Int
    public var maxRetryAfter: Double
    /// Sent as `X-Mock-Namespace` so runs against a shared mock do not see each other's
    /// sessions; real deployments ignore the header.
    public var namespace: String
    /// Only scenarios whose name contains this run (for debugging one area).
    public var scenarioFilter: String?
    /// Whether steps pause for their `delayMs`. Those pauses let a wall-clock target's
    /// seconds move; a target with a ticking fixed clock (the in-process mock) needs none.
    public var honoursDelays: Bool
    /// Set when the target is the built-in mock: what the run knows of its configuration,
    /// as variables for `mockOnly` scenarios (`blockedWord`). nil skips those scenarios.
    public var builtInMock: [String: JSONValue]?

    public init(
        apis: [APIKind] = APIKind.allCases, specsDirectory: URL, credentials: Credentials,
        model: String = "mock-small-512", contextLimit: Int = 512, strict: Bool = false,
        maxRequests: Int? = nil,
        maxRetries: Int = 3, maxRetryAfter: Double = 30, namespace: String = "conformance",
        scenarioFilter: String? = nil, honoursDelays: Bool = true,
        builtInMock: [String: JSONValue]? = nil
    ) {
        self.builtInMock = builtInMock
        self.apis = apis
        self.specsDirectory = specsDirectory
        self.credentials = credentials
        self.model = model
        self.contextLimit = contextLimit
        self.strict = strict
        self.maxRequests = maxRequests
        self.maxRetries = maxRetries
        self.maxRetryAfter = maxRetryAfter
        self.namespace = namespace
        self.scenarioFilter = scenarioFilter
        self.honoursDelays = honoursDelays
    }
}
