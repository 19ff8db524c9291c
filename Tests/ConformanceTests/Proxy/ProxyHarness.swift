import Conformance
import Foundation
import HTTPServer
import JSONSchema
import MockServer
import SessionsAPI

/// The mock on 127.0.0.1 port 0 (optionally broken by a wrapper, optionally paced) and
/// `sessions proxy` in front of it on port 0, with the credentials a conformance run needs.
struct ProxyHarness {
    let mock: LiveMock
    let proxy: SessionsProxy
    let proxyURL: URL

    /// Starts both; if the proxy cannot start, the mock is stopped before the error is thrown.
    static func start(
        apis: [APIKind] = APIKind.allCases, record: URL? = nil, strict: Bool = false,
        alwaysURLSession: Bool = false,
        configure: @Sendable (inout MockOptions) -> Void = { _ in },
        wrap: (@escaping HTTPHandler, Credentials) -> HTTPHandler = { handler, _ in handler },
        announce: @escaping @Sendable (ProxyDeviation) -> Void = { _ in }
    ) async throws -> ProxyHarness {
        let mock = try await LiveMock.start(configure: configure, wrap: wrap)
        do {
            var settings = SessionsProxy.Settings(target: mock.baseURL)
            settings.port = 0
            settings.apis = apis
            settings.record = record
            settings.strict = strict
            settings.alwaysURLSession = alwaysURLSession
            let proxy = try await SessionsProxy.start(settings, announce: announce)
            guard let url = URL(string: "http://127.0.0.1:\(proxy.port)") else { throw URLError(.badURL) }
            return ProxyHarness(mock: mock, proxy: proxy, proxyURL: url)
        } catch {
            await mock.stop()
            throw error
        }
    }

    var credentials: Credentials { mock.credentials }

    /// Runs `check`'s scenarios through the proxy: both sides of the proxy are exercised.
    func checkThroughProxy(_ apis: [APIKind]) async throws -> ConformanceReport {
        let configuration = RunConfiguration(
            apis: apis, specsDirectory: SpecsLocation.defaultDirectory, credentials: credentials,
            maxRetryAfter: 0, honoursDelays: false,
            builtInMock: ["blockedWord": .string(LiveMock.blockedWord)])
        let runner = try ConformanceRunner(
            configuration: configuration, transport: URLSessionTransport(baseURL: proxyURL, timeout: 60),
            targetDescription: proxyURL.absoluteString)
        return try await runner.run()
    }

    /// Stops the proxy, then the mock; safe after a failure.
    func stop() async {
        try? await proxy.stop()
        await mock.stop()
    }
}

extension ProxyReport {
    /// Requirements with a deviation on the server's side.
    var serverDeviations: Set<String> {
        Set(deviations.filter { $0.side == .server }.map(\.requirement))
    }

    var documentedServerFailures: Set<String> {
        Set(deviations.filter { $0.side == .server && $0.level == "documented" }.map(\.requirement))
    }

    var text: String {
        deviations.map(\.line).joined(separator: "\n")
    }
}
