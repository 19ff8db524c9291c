import Conformance
import Foundation
import HTTPServer
import MockServer
import SessionsAPI

/// A conformance runner ready to start, with the mock it talks to when `sessions check`
/// serves one itself on a socket. Building it is the only place a check's target is set up,
/// so the command, its tests and the golden recordings run exactly the same thing.
struct PreparedCheck: Sendable {
    let runner: ConformanceRunner
    /// The built-in mock on a socket (`--over-http`); nil in process and against `--target`.
    let server: MockServer?

    /// - Parameters:
    ///   - wallClock: now, in seconds since 1970; the mock judges token expiry by it.
    ///   - serving: the handler an in-process run talks to, made from the built-in mock's
    ///     environment; tests put a replay of recordings there. `--over-http` serves the
    ///     mock's own handler, as `sessions serve` does.
    static func prepare(
        _ settings: CheckSettings, wallClock: Int64 = Int64(Date().timeIntervalSince1970),
        serving: (MockEnvironment) -> HTTPHandler = { MockServer.makeHandler(environment: $0) }
    ) async throws -> PreparedCheck {
        if let specs = settings.specsDirectory {
            return try await prepare(settings, wallClock: wallClock, serving: serving, specs: specs)
        }
        let copy = try EmbeddedSpecsCopy.write()
        // The runner reads every spec file while it is built, so the copy can go as soon as
        // it exists: nothing is left in the temporary directory, even after Ctrl-C.
        defer { copy.remove() }
        return try await prepare(settings, wallClock: wallClock, serving: serving, specs: copy.directory)
    }

    private static func prepare(
        _ settings: CheckSettings, wallClock: Int64, serving: (MockEnvironment) -> HTTPHandler,
        specs specsDirectory: URL
    ) async throws -> PreparedCheck {
        if let target = settings.target {
            let configuration = RunConfiguration(
                apis: settings.apis, specsDirectory: specsDirectory,
                credentials: settings.credentials,
                model: settings.model, contextLimit: settings.contextLimit, strict: settings.strict,
                maxRequests: settings.maxRequests, scenarioFilter: settings.scenarioFilter)
            let runner = try ConformanceRunner(
                configuration: configuration,
                transport: settings.withExtraHeaders(
                    URLSessionTransport(baseURL: target, timeout: settings.timeout)),
                targetDescription: target.absoluteString, recordDirectory: settings.record)
            return PreparedCheck(runner: runner, server: nil)
        }
        let options = BuiltInMock.options(seed: settings.seed, clock: settings.clock)
        let environment = MockEnvironment(options: options)
        let credentials = BuiltInMock.credentials(
            secret: options.jwtSecret, clockStart: settings.clock.start, wallClock: wallClock)
        let configuration = BuiltInMock.configuration(
            settings, specsDirectory: specsDirectory, credentials: credentials)
        guard settings.overHTTP else {
            // Curl reproducers then point where `sessions serve` listens by default.
            let runner = try ConformanceRunner(
                configuration: configuration,
                transport: settings.withExtraHeaders(InProcessTransport(handler: serving(environment))),
                targetDescription: "http://127.0.0.1:\(ServeCommand.defaultPort)",
                recordDirectory: settings.record)
            return PreparedCheck(runner: runner, server: nil)
        }
        let server: MockServer
        do {
            server = try await MockServer.start(port: 0, environment: environment)
        } catch {
            throw PreparedCheckError.cannotStartMock("\(error)")
        }
        do {
            let runner = try ConformanceRunner(
                configuration: configuration,
                transport: settings.withExtraHeaders(
                    URLSessionTransport(baseURL: server.baseURL, timeout: settings.timeout)),
                targetDescription: server.baseURL.absoluteString, recordDirectory: settings.record)
            return PreparedCheck(runner: runner, server: server)
        } catch {
            await server.stop()
            throw error
        }
    }

    /// Stops the mock if this check started one on a socket.
    func stop() async {
        await server?.stop()
    }
}

/// Why a check of the built-in mock could not begin.
enum PreparedCheckError: Error, CustomStringConvertible {
    case cannotStartMock(String)

    var description: String {
        switch self {
        case .cannotStartMock(let why): return "cannot start the built-in mock: \(why)"
        }
    }
}

extension CheckSettings {
    /// `transport`, adding the `--header` fields to every request when there are any.
    func withExtraHeaders(_ transport: any HTTPTransport) -> any HTTPTransport {
        extraHeaders.isEmpty ? transport : ExtraHeadersTransport(base: transport, headers: extraHeaders)
    }
}
