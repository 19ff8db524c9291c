import Conformance
import Foundation
import HTTPServer
import SessionsAPI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Everything `sessions check` needs, parsed from its options.
public struct CheckSettings: Sendable {
    public var apis: [APIKind]
    /// nil: check the built-in mock (`BuiltInMock`).
    public var target: URL?
    public var credentials: Credentials
    public var model: String
    public var contextLimit: Int
    public var specsDirectory: URL
    public var timeout: Double
    public var strict: Bool
    public var maxRequests: Int?
    public var reportJSON: URL?
    public var junit: URL?
    public var record: URL?
    /// Only scenarios whose name contains this run.
    public var scenarioFilter: String?
    /// Seed and clock of the built-in mock.
    public var seed: UInt64
    public var clock: ClockSpec
    /// Reach the built-in mock through a socket and URLSession instead of in process.
    public var overHTTP: Bool
}

/// `sessions check`: replays the scenarios of `Specs/` against a deployment (or the
/// in-process mock) and reports every deviation by requirement.
public enum CheckCommand {
    public static let tokenEnvironmentKey = "SESSIONS_TOKEN"
    public static let apiKeyEnvironmentKey = "SESSIONS_API_KEY"
    /// Exit status when the run could not happen (target unreachable, specs unusable).
    public static let runErrorStatus: Int32 = 2
    /// Exit status after Ctrl-C, once the sessions the run created are deleted.
    public static let interruptedStatus: Int32 = 130
    static let defaultClock = "2025-01-01T00:00:00Z,1"

    public static let spec = CommandSpec(
        name: "check",
        abstract: "Check a Sessions API deployment (or the built-in mock) against the specs.",
        discussion: """
            Without --target the built-in mock is checked in process with fixed credentials,
            so every scenario runs (mock-only ones too) and, for a given --seed and --clock,
            every recorded byte repeats; --over-http serves it on a free port of 127.0.0.1
            instead, which also exercises the HTTP server. Prints a line per scenario, then
            each deviation with its requirement, source and a curl reproducer (credentials
            shown as $\(tokenEnvironmentKey) / $\(apiKeyEnvironmentKey)). Exit status: 0 no failure,
            1 failures (with --strict also warnings), 2 the run could not happen (bad
            options, unreachable target, unusable specs), 130 interrupted (sessions cleaned up).
            """,
        options: [
            OptionSpec(
                "api", value: "api", help: "Which API to check: cid222, konnect or both.", default: "both"),
            OptionSpec(
                "target", value: "url", help: "Base URL of the deployment; absent: the built-in mock."),
            OptionSpec(
                "token", value: "jwt",
                help: "CID222 user JWT; the environment variable \(tokenEnvironmentKey) is read when absent."),
            OptionSpec(
                "token-b", value: "jwt", help: "A JWT of another tenant, for isolation checks (else skipped)."
            ),
            OptionSpec(
                "expired-token", value: "jwt",
                help: "A correctly signed CID222 JWT that has expired, for the expiry check (else skipped)."),
            OptionSpec(
                "api-key", value: "key",
                help: "Konnect API key; the environment variable \(apiKeyEnvironmentKey) is read when absent."
            ),
            OptionSpec(
                "api-key-b", value: "key", help: "A key of another user, for isolation checks (else skipped)."
            ),
            OptionSpec(
                "model", value: "model", help: "CID222 model for message sends.", default: "mock-small-512"),
            OptionSpec(
                "context-limit", value: "tokens", help: "Context window of --model, to drive summarization.",
                default: "512"),
            OptionSpec("specs", value: "dir", help: "Folder holding requirements.json and the scenarios."),
            OptionSpec(
                "timeout", value: "seconds", help: "Seconds a request may wait for data.", default: "30"),
            OptionSpec("strict", help: "Count deviations from inferred requirements as failures."),
            OptionSpec("max-requests", value: "n", help: "Stop after this many requests (cleanup excluded)."),
            OptionSpec("report-json", value: "file", help: "Write the full report as JSON."),
            OptionSpec(
                "junit", value: "file", help: "Write a JUnit XML report, one testcase per requirement."),
            OptionSpec("record", value: "dir", help: "Write each scenario's exchanges as a JSON transcript."),
            OptionSpec("scenario", value: "text", help: "Run only the scenarios whose name contains this."),
            OptionSpec("seed", value: "seed", help: "Seed of the built-in mock.", default: "0"),
            OptionSpec(
                "clock", value: "start[,tick]", help: "Fixed clock of the built-in mock.",
                default: defaultClock),
            OptionSpec("over-http", help: "Check the built-in mock over a socket instead of in process."),
        ],
        usageErrorStatus: runErrorStatus)

    static let entry = CommandEntry(spec: spec) { options, environment throws(UsageError) in
        let settings = try settings(from: options, environment: environment)
        return await run(settings)
    }

    /// Turns parsed options into settings; every bad value is a usage error naming its option.
    public static func settings(
        from parsed: ParsedOptions, environment: [String: String]
    ) throws(UsageError) -> CheckSettings {
        if let extra = parsed.positionals.first { throw UsageError("Unexpected argument '\(extra)'") }
        let apis: [APIKind]
        switch parsed.value("api") ?? "both" {
        case "both": apis = APIKind.allCases
        case let name:
            guard let api = APIKind(rawValue: name) else {
                throw invalid(name, "api", "expected cid222, konnect or both")
            }
            apis = [api]
        }
        var target: URL?
        if let text = parsed.value("target") {
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
                ["http", "https"].contains(scheme),
                url.host != nil
            else { throw invalid(text, "target", "expected an http:// or https:// URL") }
            target = url
        }
        let credentials = Credentials(
            token: try nonEmpty(parsed.value("token") ?? environment[tokenEnvironmentKey], "token"),
            tokenB: try nonEmpty(parsed.value("token-b"), "token-b"),
            expiredToken: try nonEmpty(parsed.value("expired-token"), "expired-token"),
            apiKey: try nonEmpty(parsed.value("api-key") ?? environment[apiKeyEnvironmentKey], "api-key"),
            apiKeyB: try nonEmpty(parsed.value("api-key-b"), "api-key-b"))
        if target != nil {
            if apis.contains(.cid222), credentials.token == nil {
                throw UsageError("Checking CID222 at --target needs --token (or \(tokenEnvironmentKey))")
            }
            if apis.contains(.konnect), credentials.apiKey == nil {
                throw UsageError("Checking Konnect at --target needs --api-key (or \(apiKeyEnvironmentKey))")
            }
        }
        if target != nil, parsed.flag("over-http") {
            throw UsageError("--over-http applies to the built-in mock only; drop it or --target")
        }
        let model = parsed.value("model") ?? "mock-small-512"
        guard !model.isEmpty else { throw invalid(model, "model", "empty model") }
        let contextLimit = try positiveInt(parsed.value("context-limit") ?? "512", "context-limit")
        let timeoutText = parsed.value("timeout") ?? "30"
        guard let timeout = Double(timeoutText), timeout.isFinite, timeout > 0 else {
            throw invalid(timeoutText, "timeout", "expected a number of seconds above 0")
        }
        let maxRequests = try parsed.value("max-requests").map { text throws(UsageError) in
            try positiveInt(text, "max-requests")
        }
        let seedText = parsed.value("seed") ?? "0"
        guard let seed = UInt64(seedText) else { throw invalid(seedText, "seed", "expected a whole number") }
        let clockText = parsed.value("clock") ?? defaultClock
        guard let clock = ClockSpec(parsing: clockText) else {
            throw invalid(
                clockText, "clock", "expected an RFC 3339 time, then optionally ',' and whole seconds")
        }
        return CheckSettings(
            apis: apis, target: target, credentials: credentials, model: model, contextLimit: contextLimit,
            specsDirectory: try path(parsed, "specs") ?? SpecsLocation.defaultDirectory, timeout: timeout,
            strict: parsed.flag("strict"), maxRequests: maxRequests,
            reportJSON: try path(parsed, "report-json"),
            junit: try path(parsed, "junit"), record: try path(parsed, "record"),
            scenarioFilter: try nonEmptyText(parsed, "scenario"), seed: seed, clock: clock,
            overHTTP: parsed.flag("over-http"))
    }

    /// Runs the check and returns the exit status; prints progress, the summary and errors.
    static func run(_ settings: CheckSettings) async -> Int32 {
        let prepared: PreparedCheck
        do {
            prepared = try await PreparedCheck.prepare(settings)
        } catch {
            Console.error("Error: \(error)\n")
            return runErrorStatus
        }
        let status = await check(prepared.runner, settings)
        await prepared.stop()
        return status
    }

    private static func check(_ runner: ConformanceRunner, _ settings: CheckSettings) async -> Int32 {
        // Ctrl-C: delete what the run created, then leave with 130.
        let signals = SignalShutdown.install(signals: [SIGINT, SIGTERM]) {
            await runner.cleanUp()
            Console.error("Interrupted: the sessions this run created were deleted.\n")
            exit(interruptedStatus)
        }
        defer { signals.cancel() }
        let report: ConformanceReport
        do {
            report = try await runner.run { line in Console.out(line + "\n") }
        } catch {
            Console.error("Error: \(error)\n")
            return runErrorStatus
        }
        Console.out(ConsoleReporter.summary(report) + "\n")
        do {
            try write(report, settings)
        } catch {
            Console.error("Error: cannot write a report: \(error)\n")
            return runErrorStatus
        }
        return report.exitCode
    }

    private static func write(_ report: ConformanceReport, _ settings: CheckSettings) throws {
        if let file = settings.reportJSON {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            try encoder.encode(report).write(to: file)
        }
        if let file = settings.junit {
            try Data(JUnitWriter.xml(report).utf8).write(to: file)
        }
    }

    private static func path(_ parsed: ParsedOptions, _ name: String) throws(UsageError) -> URL? {
        guard let text = parsed.value(name) else { return nil }
        guard !text.isEmpty else { throw invalid(text, name, "empty path") }
        return URL(fileURLWithPath: text)
    }

    private static func nonEmptyText(_ parsed: ParsedOptions, _ name: String) throws(UsageError) -> String? {
        guard let text = parsed.value(name) else { return nil }
        guard !text.isEmpty else { throw invalid(text, name, "empty text") }
        return text
    }

    private static func nonEmpty(_ value: String?, _ name: String) throws(UsageError) -> String? {
        guard let value else { return nil }
        // The value is a credential: never echo it back.
        guard !value.isEmpty else { throw UsageError("The value for '--\(name)' is empty") }
        return value
    }

    private static func positiveInt(_ text: String, _ name: String) throws(UsageError) -> Int {
        guard let value = Int(text), value >= 1 else {
            throw invalid(text, name, "expected a whole number of at least 1")
        }
        return value
    }

    private static func invalid(_ value: String, _ name: String, _ reason: String) -> UsageError {
        let option = spec.option(named: name) ?? OptionSpec(name, help: "")
        return UsageError.invalidValue(value, for: option, because: reason)
    }
}
