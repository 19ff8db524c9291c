import HTTPServer
import SessionsAPI

/// Pacing of CID222 streams, so SDKs can test incremental rendering. All off by default.
public struct StreamingProfile: Sendable, Equatable {
    /// Delay before the first event, in milliseconds.
    public var timeToFirstTokenMilliseconds: Int = 0
    /// Delta events per second after the first; 0 sends them as fast as the socket takes them.
    public var tokensPerSecond: Double = 0
    /// Up to this many milliseconds added to each gap, drawn from the seed.
    public var jitterMilliseconds: Int = 0

    public init() {}

    public var isOff: Bool {
        timeToFirstTokenMilliseconds == 0 && tokensPerSecond == 0 && jitterMilliseconds == 0
    }
}

/// Everything `sessions serve` can set. Defaults give a mock that accepts any well-formed
/// credential and tells wall-clock time.
public struct MockOptions: Sendable {
    public static let defaultJWTSecret = "sessions-mock-dev-secret"

    public var host: String = "127.0.0.1"
    /// Seeds ids, replies, model choices and jitter.
    public var seed: UInt64 = 0
    /// Fixed start and tick for every timestamp; nil uses the wall clock.
    public var clock: ClockSpec? = nil
    /// Konnect keys the mock accepts; empty accepts any `sk_test_…` / `sk_live_…` key.
    public var konnectAPIKeys: [String] = []
    /// HS256 secret for CID222 user JWTs.
    public var jwtSecret: String = MockOptions.defaultJWTSecret
    public var streaming = StreamingProfile()
    /// CID222 models: known ones with their limits and prices, the profile of any other
    /// name, and whether other names are refused (`--models`, `--strict-models`).
    public var models = CID222ModelCatalog()
    /// Style and length of the fake models' generated replies.
    public var replyShape = ReplyShape()
    /// CID222 prompts containing any of these (case-insensitive) get `input_rejected`.
    public var blocklist: [String] = []
    /// Largest request body; larger ones get 413 in the API's envelope.
    public var maxBodySize: Int = 1 << 20
    /// Requests kept by the admin journal before the oldest are dropped.
    public var journalSize: Int = 1000
    /// Bodies longer than this are cut in the journal.
    public var journalBodyLimit: Int = 64 * 1024
    /// Idle keep-alive timeout of the HTTP server, in seconds.
    public var idleTimeout: Double = 60
    /// Caps over all namespaces together (`MemoryBudget.swift`).
    public var limits = MemoryLimits()
    /// How long a CID222 send waits for earlier sends into the same session to finish
    /// streaming before it gets 409, in seconds.
    public var turnWaitLimit: Double = 30
    /// A response write that makes no progress this long closes the connection, in seconds.
    public var writeTimeout: Double = 30
    /// Connections served at once; one more gets 503 and is closed.
    public var maxConnections: Int = 1024
    /// When set, every `/__admin/` route needs `Authorization: Bearer <adminToken>`
    /// (`serve --admin-token`, `SESSIONS_ADMIN_TOKEN`).
    public var adminToken: String? = nil
    /// Receives every request served and what the server handles silently (`serve --verbose`).
    public var serverLog: (@Sendable (HTTPServerLogEvent) -> Void)? = nil
    /// Answer the API paths from recorded transcripts instead of the mock's logic.
    public var replay: ReplaySettings? = nil

    public init() {}
}
