import Foundation
import HTTPServer
import MockServer
import SessionsAPI

/// Everything `sessions serve` needs, parsed from its options.
public struct ServeSettings: Sendable {
    public var port: Int
    public var options: MockOptions
    /// A state file (as `GET /__admin/state` exports) loaded before the port opens.
    public var statePath: String? = nil
    /// A faults file (a JSON array of `POST /__admin/faults` bodies) loaded before the port opens.
    public var faultsPath: String? = nil
}

/// `sessions serve`: runs the mock until SIGINT or SIGTERM.
public enum ServeCommand {
    public static let jwtSecretEnvironmentKey = "SESSIONS_JWT_SECRET"
    static let defaultPort = 8080

    public static let spec = CommandSpec(
        name: "serve",
        abstract: "Run the mock server for both Sessions APIs.",
        discussion: """
            Prints one line, 'listening on http://HOST:PORT', once the port is bound, then serves
            until SIGINT or SIGTERM and exits 0 after in-flight responses finish.
            """,
        options: [
            OptionSpec("host", value: "host", help: "Address to bind.", default: "127.0.0.1"),
            OptionSpec(
                "port", value: "port", help: "Port to bind; 0 picks a free port.", default: "\(defaultPort)"),
            OptionSpec("seed", value: "seed", help: "Seed for ids, replies and jitter.", default: "0"),
            OptionSpec(
                "clock", value: "start[,tick]",
                help: "Fix the clock: an RFC 3339 start time and a tick in whole seconds (default tick 1). "
                    + "Without it the wall clock is used."),
            OptionSpec(
                "api-key", value: "key",
                help: "A Konnect API key to accept (repeatable). Without any, every sk_test_/sk_live_ key is "
                    + "accepted.", repeatable: true),
            OptionSpec(
                "jwt-secret", value: "secret",
                help:
                    "HS256 secret for CID222 user tokens; the environment variable \(jwtSecretEnvironmentKey) "
                    + "is read when the option is absent.", default: MockOptions.defaultJWTSecret),
            OptionSpec(
                "ttft", value: "ms", help: "Delay before the first streamed event, in milliseconds.",
                default: "0"),
            OptionSpec(
                "tokens-per-second", value: "n", help: "Streamed deltas per second; 0 sends them at once.",
                default: "0"),
            OptionSpec(
                "jitter", value: "ms", help: "Up to this many milliseconds added to each gap.", default: "0"),
            OptionSpec(
                "blocklist", value: "word", help: "Reject CID222 prompts containing this word (repeatable).",
                repeatable: true),
            OptionSpec(
                "max-body-size", value: "bytes", help: "Largest request body accepted.", default: "\(1 << 20)"
            ),
            OptionSpec(
                "journal-size", value: "n", help: "Requests kept by the admin journal.", default: "1000"),
            OptionSpec(
                "journal-body-limit", value: "bytes", help: "Bodies longer than this are cut in the journal.",
                default: "\(64 * 1024)"),
            OptionSpec(
                "idle-timeout", value: "seconds", help: "Close keep-alive connections idle this long.",
                default: "60"),
            OptionSpec(
                "state", value: "file",
                help: "Start with the sessions of a state file, as GET /__admin/state exports."),
            OptionSpec(
                "faults", value: "file",
                help: "Start with the faults of a file: a JSON array of POST /__admin/faults bodies, "
                    + "each with an optional namespace."),
            OptionSpec(
                "replay", value: "dir",
                help:
                    "Answer API requests from transcripts recorded by 'sessions check --record' (a file, or a "
                    + "directory searched recursively) instead of the mock's own logic."),
            OptionSpec(
                "replay-speed", value: "x",
                help: "Replay recorded chunk offsets at X times their pace; without it, as fast as possible."),
        ] + hardeningOptions)

    static let entry = CommandEntry(spec: spec) { options, environment throws(UsageError) in
        let settings = try settings(from: options, environment: environment)
        return await run(settings)
    }

    /// Turns parsed options into settings; every bad value is a usage error naming its option.
    public static func settings(
        from parsed: ParsedOptions, environment: [String: String]
    ) throws(UsageError) -> ServeSettings {
        if let extra = parsed.positionals.first { throw UsageError("Unexpected argument '\(extra)'") }
        var options = MockOptions()
        if let host = parsed.value("host") {
            guard !host.isEmpty else { throw invalid(host, "host", "empty host") }
            options.host = host
        }
        var port = defaultPort
        if let text = parsed.value("port") {
            guard let value = Int(text), (0...65535).contains(value) else {
                throw invalid(text, "port", "expected 0 to 65535")
            }
            port = value
        }
        if let text = parsed.value("seed") {
            guard let value = UInt64(text) else { throw invalid(text, "seed", "expected a whole number") }
            options.seed = value
        }
        if let text = parsed.value("clock") {
            guard let clock = ClockSpec(parsing: text) else {
                throw invalid(
                    text, "clock", "expected an RFC 3339 time, then optionally ',' and whole seconds")
            }
            options.clock = clock
        }
        for key in parsed.all("api-key") where key.isEmpty { throw invalid(key, "api-key", "empty key") }
        options.konnectAPIKeys = parsed.all("api-key")
        if let secret = parsed.value("jwt-secret") ?? environment[jwtSecretEnvironmentKey] {
            guard !secret.isEmpty else { throw invalid(secret, "jwt-secret", "empty secret") }
            options.jwtSecret = secret
        }
        if let text = parsed.value("ttft") {
            options.streaming.timeToFirstTokenMilliseconds = try nonNegativeInt(text, "ttft")
        }
        if let text = parsed.value("tokens-per-second") {
            guard let value = Double(text), value.isFinite, value >= 0 else {
                throw invalid(text, "tokens-per-second", "expected a number of at least 0")
            }
            options.streaming.tokensPerSecond = value
        }
        if let text = parsed.value("jitter") {
            options.streaming.jitterMilliseconds = try nonNegativeInt(text, "jitter")
        }
        for word in parsed.all("blocklist") where word.isEmpty {
            throw invalid(word, "blocklist", "empty word")
        }
        options.blocklist = parsed.all("blocklist")
        if let text = parsed.value("max-body-size") {
            let value = try nonNegativeInt(text, "max-body-size")
            guard value > 0 else { throw invalid(text, "max-body-size", "expected at least 1") }
            options.maxBodySize = value
        }
        if let text = parsed.value("journal-size") {
            options.journalSize = try nonNegativeInt(text, "journal-size")
        }
        if let text = parsed.value("journal-body-limit") {
            options.journalBodyLimit = try nonNegativeInt(text, "journal-body-limit")
        }
        if let text = parsed.value("idle-timeout") {
            guard let value = Double(text), value.isFinite, value > 0 else {
                throw invalid(text, "idle-timeout", "expected a number of seconds above 0")
            }
            options.idleTimeout = value
        }
        options.replay = try replaySettings(from: parsed)
        try applyHardeningOptions(parsed, environment: environment, to: &options)
        var settings = ServeSettings(port: port, options: options)
        for name in ["state", "faults"] {
            guard let path = parsed.value(name) else { continue }
            guard !path.isEmpty else { throw invalid(path, name, "empty file name") }
            if name == "state" { settings.statePath = path } else { settings.faultsPath = path }
        }
        return settings
    }

    /// Starts the mock, prints where it listens, and serves until a signal stops it.
    static func run(_ settings: ServeSettings) async -> Int32 {
        let mock: MockServer
        do {
            let environment = try prepareEnvironment(settings)
            mock = try await MockServer.start(port: settings.port, environment: environment)
        } catch {
            Console.error("Error: \(error)\n")
            return SessionsCommand.failureStatus
        }
        if let warning = exposureWarning(for: settings.options) { Console.error(warning) }
        let signals = SignalShutdown.install { await mock.stop() }
        Console.out(listeningLine(host: settings.options.host, port: mock.baseURL.port ?? settings.port))
        await mock.waitUntilStopped()
        signals.cancel()
        return 0
    }

    /// The mock's environment with the `--state` and `--faults` files loaded.
    public static func prepareEnvironment(_ settings: ServeSettings) throws -> MockEnvironment {
        let environment = MockEnvironment(options: settings.options)
        if let path = settings.statePath {
            do throws(AdminInputError) {
                try environment.importState(json: try readFile(path))
            } catch {
                throw FixtureError(option: "state", path: path, problem: error.description)
            }
        }
        if let path = settings.faultsPath {
            do throws(AdminInputError) {
                try FaultFile.load(try readFile(path), into: environment.faults)
            } catch {
                throw FixtureError(option: "faults", path: path, problem: error.description)
            }
        }
        return environment
    }

    private static func readFile(_ path: String) throws(AdminInputError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AdminInputError(field: "file", "cannot be read")
        }
        return Array(data)
    }

    /// A `--state` or `--faults` file that cannot be read or is invalid.
    public struct FixtureError: Error, CustomStringConvertible {
        public var option: String
        public var path: String
        public var problem: String
        public var description: String { "--\(option) \(path): \(problem)" }
    }

    /// `listening on http://HOST:PORT`, with IPv6 hosts in brackets.
    public static func listeningLine(host: String, port: Int) -> String {
        let shown = host.contains(":") ? "[\(host)]" : host
        return "listening on http://\(shown):\(port)\n"
    }

    private static func replaySettings(from parsed: ParsedOptions) throws(UsageError) -> ReplaySettings? {
        var speed: Double?
        if let text = parsed.value("replay-speed") {
            guard let value = Double(text), value.isFinite, value > 0 else {
                throw invalid(text, "replay-speed", "expected a number above 0")
            }
            speed = value
        }
        guard let path = parsed.value("replay") else {
            if speed != nil { throw UsageError("'--replay-speed <x>' needs '--replay <dir>'") }
            return nil
        }
        guard !path.isEmpty else { throw invalid(path, "replay", "empty path") }
        return ReplaySettings(path: path, speed: speed)
    }

    private static func nonNegativeInt(_ text: String, _ name: String) throws(UsageError) -> Int {
        guard let value = Int(text), value >= 0 else {
            throw invalid(text, name, "expected a whole number of at least 0")
        }
        return value
    }

    static func invalid(_ value: String, _ name: String, _ reason: String) -> UsageError {
        let option = spec.option(named: name) ?? OptionSpec(name, help: "")
        return UsageError.invalidValue(value, for: option, because: reason)
    }
}
