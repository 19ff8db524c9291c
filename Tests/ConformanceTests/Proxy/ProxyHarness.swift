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
        let mock = try await startMock(configure: configure, wrap: wrap)
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

    /// `LiveMock.start` with options a test may change (pacing, for one).
    private static func startMock(
        configure: @Sendable (inout MockOptions) -> Void,
        wrap: (@escaping HTTPHandler, Credentials) -> HTTPHandler
    ) async throws -> LiveMock {
        var options = MockOptions()
        options.konnectAPIKeys = LiveMock.apiKeys
        options.blocklist = [LiveMock.blockedWord]
        options.clock = ClockSpec(start: 1_735_689_600, tick: 1)
        configure(&options)
        let environment = MockEnvironment(options: options)
        let secret = options.jwtSecret
        let now = Int64(Date().timeIntervalSince1970)
        let credentials = Credentials(
            token: JWTMinter.mint(tenant: "e2e-tenant-a", user: "alice", secret: secret, now: now),
            tokenB: JWTMinter.mint(tenant: "e2e-tenant-b", user: "bob", secret: secret, now: now),
            expiredToken: JWTMinter.mint(
                tenant: "e2e-tenant-a", user: "alice", ttl: 60, secret: secret, now: now - 7200),
            claimlessToken: LiveMock.claimless(secret: secret, now: now), apiKey: LiveMock.apiKeys[0],
            apiKeyB: LiveMock.apiKeys[1])
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.maxBodySize = options.maxBodySize * 4
        let server = HTTPServer(
            configuration: configuration,
            handler: wrap(MockServer.makeHandler(environment: environment), credentials))
        try await server.start()
        guard let url = URL(string: "http://127.0.0.1:\(server.port)") else {
            await server.shutdown()
            throw URLError(.badURL)
        }
        return LiveMock(server: server, environment: environment, baseURL: url, credentials: credentials)
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
