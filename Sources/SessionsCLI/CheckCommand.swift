import Conformance
import Foundation
import HTTPServer
import SessionsAPI
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Everything `sessions check` needs, parsed from its options.
package struct CheckSettings: Sendable {
    package var apis: [APIKind]
    /// nil: check the built-in mock (`BuiltInMock`).
    package var target: URL?
    package var credentials: Credentials
    package var model: String
    package var contextLimit: Int
    /// nil: the specs compiled into the binary (`EmbeddedSpecs`).
    package var specsDirectory: URL?
    package var timeout: Double
    package var strict: Bool
    package var maxRequests: Int?
    package var reportJSON: URL?
    package var junit: URL?
    package var record: URL?
    /// Only scenarios whose name contains this run.
    package var scenarioFilter: String?
    /// Sent with every request (`--header`), cleanup included.
    package var extraHeaders: [WireHeader] = []
    package var reportMarkdown: URL? = nil
    /// No progress lines; only failing requirements and the totals.
    package var quiet = false
    /// Seed and clock of the built-in mock.
    package var seed: UInt64
    package var clock: ClockSpec
    /// Reach the built-in mock through a socket and URLSession instead of in process.
    package var overHTTP: Bool
}

/// `sessions check`: replays the scenarios of `Specs/` against a deployment (or the
/// in-process mock) and reports every deviation by requirement.
package enum CheckCommand {
    package static let tokenEnvironmentKey = "SESSIONS_TOKEN"
    package static let apiKeyEnvironmentKey = "SESSIONS_API_KEY"
    /// Exit status when the run could not happen (target unreachable, specs unusable).
    package static let runErrorStatus: Int32 = 2
    /// Exit status after Ctrl-C, once the sessions the run created are deleted.
    package static let interruptedStatus: Int32 = 130

    package static let spec = CommandSpec(
        name: "check",
        abstract: "Check a Sessions API deployment (or the built-in mock) against the specs.",
        discussion: """
            Without --target the built-in mock is checked in process with fixed credentials,
            so every scenario runs (mock-only ones too) and, for a given --seed and --clock,
            every recorded byte repeats; --over-http serves it on a free port of 127.0.0.1
            instead, which also exercises the HTTP server. Writes a progress line per scenario
            to stderr, then prints each deviation with its requirement, source and a curl
            reproducer (credentials shown as $\(tokenEnvironmentKey) / $\(apiKeyEnvironmentKey)).
            Exit status: 0 no failure, 1 failures (with --strict also warnings), 2 the run
            could not happen (bad options, unreachable target, unusable specs), 130
            interrupted (sessions cleaned up).
            """,
        options: CheckOptions.all,
        usageErrorStatus: runErrorStatus)

    static let entry = CommandEntry(spec: spec) { options, environment throws(UsageError) in
        let settings = try settings(from: options, environment: environment)
        return await run(settings)
    }

    /// Turns parsed options into settings; every bad value is a usage error naming its option.
    package static func settings(
        from parsed: ParsedOptions, environment: [String: String]
    ) throws(UsageError) -> CheckSettings {
        if let extra = parsed.positionals.first { throw UsageError("Unexpected argument '\(extra)'") }
        let target = try CheckOptions.target.given(in: parsed)
        let apis = try CheckOptions.api.value(in: parsed)
        let credentials = Credentials(
            token: try credential(CheckOptions.token, parsed, fallback: environment[tokenEnvironmentKey]),
            tokenB: try credential(CheckOptions.tokenB, parsed),
            expiredToken: try credential(CheckOptions.expiredToken, parsed),
            apiKey: try credential(CheckOptions.apiKey, parsed, fallback: environment[apiKeyEnvironmentKey]),
            apiKeyB: try credential(CheckOptions.apiKeyB, parsed))
        if target != nil {
            if apis.contains(.cid222), credentials.token == nil {
                throw UsageError("Checking CID222 at --target needs --token (or \(tokenEnvironmentKey))")
            }
            if apis.contains(.konnect), credentials.apiKey == nil {
                throw UsageError("Checking Konnect at --target needs --api-key (or \(apiKeyEnvironmentKey))")
            }
        }
        if target != nil, CheckOptions.overHTTP.isSet(in: parsed) {
            throw UsageError("--over-http applies to the built-in mock only; drop it or --target")
        }
        var settings = CheckSettings(
            apis: apis, target: target, credentials: credentials,
            model: try CheckOptions.model.value(in: parsed),
            contextLimit: try CheckOptions.contextLimit.value(in: parsed),
            specsDirectory: try CheckOptions.specs.given(in: parsed),
            timeout: try CheckOptions.timeout.value(in: parsed),
            strict: CheckOptions.strict.isSet(in: parsed),
            maxRequests: try CheckOptions.maxRequests.given(in: parsed),
            reportJSON: try CheckOptions.reportJSON.given(in: parsed),
            junit: try CheckOptions.junit.given(in: parsed),
            record: try CheckOptions.record.given(in: parsed),
            scenarioFilter: try CheckOptions.scenario.given(in: parsed),
            seed: try CheckOptions.seed.value(in: parsed),
            clock: try CheckOptions.clock.value(in: parsed), overHTTP: CheckOptions.overHTTP.isSet(in: parsed)
        )
        settings.extraHeaders = try headers(parsed)
        settings.reportMarkdown = try CheckOptions.reportMarkdown.given(in: parsed)
        settings.quiet = CheckOptions.quiet.isSet(in: parsed)
        return settings
    }

    /// `--header` values as fields; an error names the header but never shows its value,
    /// which may be a token.
    private static func headers(_ parsed: ParsedOptions) throws(UsageError) -> [WireHeader] {
        var headers: [WireHeader] = []
        for text in try CheckOptions.header.all(in: parsed) {
            switch ExtraHeadersTransport.parse(text) {
            case .success(let header): headers.append(header)
            case .failure(let problem):
                // Name the header only once it is known to be one; before the colon of a
                // malformed line there may be the value itself.
                var name = ""
                if case .reserved(let field) = problem { name = " '\(field)'" }
                if problem == .badValue, let field = text.split(separator: ":").first { name = " '\(field)'" }
                throw UsageError(
                    "The header\(name) given to '\(CheckOptions.header.spec.errorLabel)' is invalid: \(problem)"
                )
            }
        }
        return headers
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
            let total = ProgressReporter.expectedLines(
                runner.scenarios, builtInMock: runner.configuration.builtInMock != nil)
            let done = Mutex(0)
            report = try await runner.run { line in
                guard !settings.quiet else { return }
                let count = done.withLock { count in
                    count += 1
                    return count
                }
                Console.error(ProgressReporter.progressLine(line, done: count, of: total) + "\n")
            }
        } catch {
            Console.error("Error: \(error)\n")
            return runErrorStatus
        }
        let summary = settings.quiet ? ProgressReporter.quietSummary(report) : ConsoleReporter.summary(report)
        Console.out(summary + "\n")
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
        if let file = settings.reportMarkdown {
            try Data(MarkdownReporter.markdown(report).utf8).write(to: file)
        }
        if let file = settings.junit {
            try Data(JUnitWriter.xml(report).utf8).write(to: file)
        }
    }

    /// The option's value, else `fallback` (an environment variable).
    private static func credential(_ option: OptionSpec, _ parsed: ParsedOptions, fallback: String? = nil)
        throws(UsageError) -> String?
    {
        guard let value = parsed.value(option.name) ?? fallback else { return nil }
        // The value is a credential: never echo it back.
        guard !value.isEmpty else { throw UsageError("The value for '--\(option.name)' is empty") }
        return value
    }
}
