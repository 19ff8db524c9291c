import MockServer
import SessionsAPI

/// The options of `sessions serve`, each declared once. Defaults are read from
/// `MockOptions()`, the library's own defaults, so the help, the command and an in-process
/// mock all agree; `OptionDefaultsTests` checks the help against them. A new option: declare
/// it here (a `DefaultedOption` reading its default from `mockDefaults`, or a
/// `DeclaredOption`/`DeclaredFlag`), add it to `all`, read it in `ServeCommand.settings`, and
/// add its default to `OptionDefaultsTests`.
enum ServeOptions {
    /// The library's defaults: every serve default is read from here.
    static let mockDefaults = MockOptions()
    static let defaultPort = 8080

    static let host = DefaultedOption(
        "host", value: "host", help: "Address to bind.", default: mockDefaults.host,
        parser: .nonEmpty("host"))
    static let port = DefaultedOption(
        "port", value: "port", help: "Port to bind; 0 picks a free port.", default: defaultPort,
        parser: .integer(atLeast: 0, atMost: 65535))
    static let seed = DefaultedOption(
        "seed", value: "seed", help: "Seed for ids, replies and jitter.", default: mockDefaults.seed,
        parser: .seed)
    static let clock = DeclaredOption(
        "clock", value: "start[,tick]",
        help: "Fix the clock: an RFC 3339 start time and a tick in whole seconds (default tick 1). "
            + "Without it the wall clock is used.", parser: .clock)
    static let apiKey = DeclaredOption(
        "api-key", value: "key",
        help: "A Konnect API key to accept (repeatable). Without any, every sk_test_/sk_live_ key is "
            + "accepted.", repeatable: true, parser: .nonEmpty("key"))
    static let jwtSecret = DefaultedOption(
        "jwt-secret", value: "secret",
        help: "HS256 secret for CID222 user tokens; the environment variable "
            + "\(ServeCommand.jwtSecretEnvironmentKey) is read when the option is absent.",
        default: mockDefaults.jwtSecret, parser: .nonEmpty("secret"))
    static let ttft = DefaultedOption(
        "ttft", value: "ms", help: "Delay before the first streamed event, in milliseconds.",
        default: mockDefaults.streaming.timeToFirstTokenMilliseconds, parser: .integer(atLeast: 0))
    static let tokensPerSecond = DefaultedOption(
        "tokens-per-second", value: "n", help: "Streamed deltas per second; 0 sends them at once.",
        default: mockDefaults.streaming.tokensPerSecond, parser: .number(above: 0, inclusive: true))
    static let jitter = DefaultedOption(
        "jitter", value: "ms", help: "Up to this many milliseconds added to each gap.",
        default: mockDefaults.streaming.jitterMilliseconds, parser: .integer(atLeast: 0))
    static let blocklist = DeclaredOption(
        "blocklist", value: "word", help: "Reject CID222 prompts containing this word (repeatable).",
        repeatable: true, parser: .nonEmpty("word"))
    static let maxBodySize = DefaultedOption(
        "max-body-size", value: "bytes", help: "Largest request body accepted.",
        default: mockDefaults.maxBodySize, parser: .integer(atLeast: 1))
    static let journalSize = DefaultedOption(
        "journal-size", value: "n", help: "Requests kept by the admin journal.",
        default: mockDefaults.journalSize, parser: .integer(atLeast: 0))
    static let journalBodyLimit = DefaultedOption(
        "journal-body-limit", value: "bytes", help: "Bodies longer than this are cut in the journal.",
        default: mockDefaults.journalBodyLimit, parser: .integer(atLeast: 0))
    static let idleTimeout = DefaultedOption(
        "idle-timeout", value: "seconds", help: "Close keep-alive connections idle this long.",
        default: mockDefaults.idleTimeout, parser: .number(above: 0, unit: "seconds"))
    static let state = DeclaredOption(
        "state", value: "file",
        help: "Start with the sessions of a state file, as GET /__admin/state exports.",
        parser: .nonEmpty("file name"))
    static let faults = DeclaredOption(
        "faults", value: "file",
        help: "Start with the faults of a file: a JSON array of POST /__admin/faults bodies, "
            + "each with an optional namespace.", parser: .nonEmpty("file name"))
    static let replay = DeclaredOption(
        "replay", value: "dir",
        help: "Answer API requests from transcripts recorded by 'sessions check --record' (a file, or a "
            + "directory searched recursively) instead of the mock's own logic.", parser: .nonEmpty("path"))
    static let replaySpeed = DeclaredOption(
        "replay-speed", value: "x",
        help: "Replay recorded chunk offsets at X times their pace; without it, as fast as possible.",
        parser: .number(above: 0))

    static let replyStyle = DefaultedOption(
        "reply-style", value: "style",
        help: "Generated replies: plain sentences, or markdown with a list, a code fence and a table.",
        default: mockDefaults.replyShape.style,
        parser: ValueParser<ReplyShape.Style>(
            expectation: "expected plain or markdown", show: \.rawValue,
            read: { ReplyShape.Style(rawValue: $0) }))
    static let replyWords = DefaultedOption(
        "reply-words", value: "min-max",
        help: "Words of prose in each generated reply, drawn from this range.",
        default: mockDefaults.replyShape.words,
        parser: ValueParser<ClosedRange<Int>>(
            expectation: "expected MIN-MAX with 1 <= MIN <= MAX <= 2000",
            show: { "\($0.lowerBound)-\($0.upperBound)" }, read: { ReplyShape(wordsText: $0)?.words }))
    static let models = DeclaredOption(
        "models", value: "file",
        help: "CID222 models from a JSON file (the format GET /__admin/models answers with): its models "
            + "extend the built-in table, or replace it with \"replace\": true.",
        parser: .nonEmpty("file name"))
    static let verbose = DeclaredFlag(
        "verbose",
        help: "Print a line on stderr for every request served, and for what the server otherwise "
            + "handles silently: connections ended by I/O errors or timeouts, refused requests and "
            + "connections.")
    static let strictModels = DeclaredFlag(
        "strict-models",
        help: "Refuse CID222 model names outside the table with 400; without it they are served with "
            + "\(defaultProfileText).")

    /// The profile unknown names get, written from the value the mock uses.
    static var defaultProfileText: String {
        let profile = CID222ModelCatalog.builtInDefaultProfile
        let input = CID222Model.dollars(micros: profile.inputMicrosPer1K)
        let output = CID222Model.dollars(micros: profile.outputMicrosPer1K)
        return "a \(profile.contextLimit)-token context at $\(input) in, $\(output) out per 1K tokens"
    }

    /// In the order help lists them.
    static let all: [OptionSpec] =
        [
            host.spec, port.spec, seed.spec, clock.spec, apiKey.spec, jwtSecret.spec, ttft.spec,
            tokensPerSecond.spec, jitter.spec, blocklist.spec, maxBodySize.spec, journalSize.spec,
            journalBodyLimit.spec, idleTimeout.spec, replyStyle.spec, replyWords.spec, models.spec,
            strictModels.spec, state.spec, faults.spec,
            replay.spec, replaySpeed.spec, verbose.spec,
        ] + hardening
}
