import Foundation
import HTTPServer
import MockServer
import SessionsAPI

/// Everything `sessions serve` needs, parsed from its options.
package struct ServeSettings: Sendable {
    package var port: Int
    package var options: MockOptions
    /// A state file (as `GET /__admin/state` exports) loaded before the port opens.
    package var statePath: String? = nil
    /// A faults file (a JSON array of `POST /__admin/faults` bodies) loaded before the port opens.
    package var faultsPath: String? = nil
    /// A models file (`--models`) applied to the model table before the port opens.
    package var modelsPath: String? = nil
}

/// `sessions serve`: runs the mock until SIGINT or SIGTERM.
package enum ServeCommand {
    package static let jwtSecretEnvironmentKey = "SESSIONS_JWT_SECRET"
    static let defaultPort = ServeOptions.defaultPort

    package static let spec = CommandSpec(
        name: "serve",
        abstract: "Run the mock server for both Sessions APIs.",
        discussion: """
            Prints one line, 'listening on http://HOST:PORT', once the port is bound, then serves
            until SIGINT or SIGTERM and exits 0 after in-flight responses finish.
            """,
        options: ServeOptions.all)

    static let entry = CommandEntry(spec: spec) { options, environment throws(UsageError) in
        let settings = try settings(from: options, environment: environment)
        return await run(settings)
    }

    /// Turns parsed options into settings; every bad value is a usage error naming its option.
    package static func settings(
        from parsed: ParsedOptions, environment: [String: String]
    ) throws(UsageError) -> ServeSettings {
        if let extra = parsed.positionals.first { throw UsageError("Unexpected argument '\(extra)'") }
        var options = MockOptions()
        options.host = try ServeOptions.host.value(in: parsed)
        let port = try ServeOptions.port.value(in: parsed)
        options.seed = try ServeOptions.seed.value(in: parsed)
        options.clock = try ServeOptions.clock.given(in: parsed)
        options.konnectAPIKeys = try ServeOptions.apiKey.all(in: parsed)
        options.jwtSecret =
            try ServeOptions.jwtSecret.given(in: parsed) ?? environment[jwtSecretEnvironmentKey]
            ?? ServeOptions.jwtSecret.defaultValue
        guard !options.jwtSecret.isEmpty else {
            throw invalid(options.jwtSecret, "jwt-secret", "empty secret")
        }
        options.streaming.timeToFirstTokenMilliseconds = try ServeOptions.ttft.value(in: parsed)
        options.streaming.tokensPerSecond = try ServeOptions.tokensPerSecond.value(in: parsed)
        options.streaming.jitterMilliseconds = try ServeOptions.jitter.value(in: parsed)
        options.blocklist = try ServeOptions.blocklist.all(in: parsed)
        options.maxBodySize = try ServeOptions.maxBodySize.value(in: parsed)
        options.journalSize = try ServeOptions.journalSize.value(in: parsed)
        options.journalBodyLimit = try ServeOptions.journalBodyLimit.value(in: parsed)
        options.idleTimeout = try ServeOptions.idleTimeout.value(in: parsed)
        options.replyShape = ReplyShape(
            style: try ServeOptions.replyStyle.value(in: parsed),
            words: try ServeOptions.replyWords.value(in: parsed))
        options.models.strict = ServeOptions.strictModels.isSet(in: parsed)
        if ServeOptions.verbose.isSet(in: parsed) {
            options.serverLog = { event in Console.error("\(event)\n") }
        }
        options.replay = try replaySettings(from: parsed)
        try applyHardeningOptions(parsed, environment: environment, to: &options)
        var settings = ServeSettings(port: port, options: options)
        settings.statePath = try ServeOptions.state.given(in: parsed)
        settings.faultsPath = try ServeOptions.faults.given(in: parsed)
        settings.modelsPath = try ServeOptions.models.given(in: parsed)
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

    /// The mock's environment with the `--models`, `--state` and `--faults` files loaded.
    package static func prepareEnvironment(_ settings: ServeSettings) throws -> MockEnvironment {
        var options = settings.options
        if let path = settings.modelsPath {
            do throws(AdminInputError) {
                options.models = try ModelFile.apply(try readFile(path), to: options.models)
            } catch {
                throw FixtureError(option: "models", path: path, problem: error.description)
            }
        }
        let environment = MockEnvironment(options: options)
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

    /// A `--models`, `--state` or `--faults` file that cannot be read or is invalid.
    package struct FixtureError: Error, CustomStringConvertible {
        package var option: String
        package var path: String
        package var problem: String
        package var description: String { "--\(option) \(path): \(problem)" }
    }

    /// `listening on http://HOST:PORT`, with IPv6 hosts in brackets.
    package static func listeningLine(host: String, port: Int) -> String {
        let shown = host.contains(":") ? "[\(host)]" : host
        return "listening on http://\(shown):\(port)\n"
    }

    private static func replaySettings(from parsed: ParsedOptions) throws(UsageError) -> ReplaySettings? {
        let speed = try ServeOptions.replaySpeed.given(in: parsed)
        guard let path = try ServeOptions.replay.given(in: parsed) else {
            if speed != nil { throw UsageError("'--replay-speed <x>' needs '--replay <dir>'") }
            return nil
        }
        return ReplaySettings(path: path, speed: speed)
    }

    static func invalid(_ value: String, _ name: String, _ reason: String) -> UsageError {
        let option = spec.option(named: name) ?? OptionSpec(name, help: "")
        return UsageError.invalidValue(value, for: option, because: reason)
    }
}
