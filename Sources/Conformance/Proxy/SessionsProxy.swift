import Foundation
import HTTPServer

/// A running `sessions proxy`: the relay served on a port, with its validator and recorder.
/// The command line and the tests start it the same way.
public final class SessionsProxy: Sendable {
    public struct Settings: Sendable {
        public var target: URL
        public var host = "127.0.0.1"
        public var port = 8081
        public var apis: [APIKind] = APIKind.allCases
        public var strict = false
        public var record: URL?
        public var specsDirectory: URL?
        /// Largest request body relayed; the documents' bodies are far smaller.
        public var maxBodySize = 16 << 20
        /// Reach an `http://` target through URLSession too, as `https://` ones are (for tests
        /// of that path without TLS).
        public var alwaysURLSession = false

        public init(target: URL) {
            self.target = target
        }
    }

    public let validator: ExchangeValidator
    public let recorder: ProxyRecorder?
    private let server: HTTPServer

    private init(validator: ExchangeValidator, recorder: ProxyRecorder?, server: HTTPServer) {
        self.validator = validator
        self.recorder = recorder
        self.server = server
    }

    /// Loads the specs, binds the port and starts relaying.
    /// - Parameter announce: called with each deviation as it is found.
    public static func start(
        _ settings: Settings, announce: @escaping @Sendable (ProxyDeviation) -> Void = { _ in }
    ) async throws -> SessionsProxy {
        let validator: ExchangeValidator
        if let specs = settings.specsDirectory {
            validator = try ExchangeValidator(
                specsDirectory: specs, apis: settings.apis, strict: settings.strict,
                target: settings.target.absoluteString, announce: announce)
        } else {
            validator = try ExchangeValidator(
                apis: settings.apis, strict: settings.strict, target: settings.target.absoluteString,
                announce: announce)
        }
        let recorder = settings.record.map(ProxyRecorder.init(directory:))
        let relay = ProxyRelay(
            target: settings.target, validator: validator, recorder: recorder,
            alwaysURLSession: settings.alwaysURLSession)
        var configuration = HTTPServerConfiguration()
        configuration.host = settings.host
        configuration.port = settings.port
        configuration.maxBodySize = settings.maxBodySize
        configuration.serverName = "sessions-proxy"
        let server = HTTPServer(configuration: configuration, handler: relay.handler)
        try await server.start()
        return SessionsProxy(validator: validator, recorder: recorder, server: server)
    }

    /// The bound port (the real one when 0 was asked for).
    public var port: Int { server.port }

    /// The report so far.
    public func report() -> ProxyReport { validator.findings.report() }

    /// Stops relaying (in-flight exchanges finish first) and writes the recording.
    public func stop() async throws {
        await server.shutdown()
        try recorder?.flush()
    }

    public func waitUntilStopped() async {
        await server.waitUntilStopped()
    }

    /// Begins a graceful stop without waiting (for signal handlers).
    public func shutdown() async {
        await server.shutdown()
    }
}
