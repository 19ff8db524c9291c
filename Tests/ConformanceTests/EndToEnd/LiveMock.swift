import Conformance
import Foundation
import HTTPServer
import JSONSchema
import MockServer
import SessionsAPI

/// The mock served on 127.0.0.1 port 0, optionally through a wrapper that breaks one
/// behaviour, with the credentials a conformance run needs.
struct LiveMock {
    static let apiKeys = ["sk_test_e2eUserA", "sk_test_e2eUserB"]
    static let blockedWord = "forbiddenword"

    /// A correctly signed HS256 JWT without `sub` and `exp`.
    static func claimless(secret: String, now: Int64) -> String {
        let header = Base64URL.encode(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8))
        let claims = Base64URL.encode(Array(#"{"iat":\#(now),"username":"alice"}"#.utf8))
        let mac = HMACSHA256.authenticationCode(
            key: Array(secret.utf8), message: Array("\(header).\(claims)".utf8))
        return "\(header).\(claims).\(Base64URL.encode(mac))"
    }

    let server: HTTPServer
    let environment: MockEnvironment
    let baseURL: URL
    let credentials: Credentials

    /// - Parameter wrap: turns the mock's handler into the one served (identity: the real
    ///   mock); it also gets the run's credentials, to impersonate one identity as another.
    ///   `configure` changes the mock's options first (pacing, for one).
    static func start(
        configure: (inout MockOptions) -> Void = { _ in },
        wrap: (@escaping HTTPHandler, Credentials) -> HTTPHandler = { handler, _ in handler }
    ) async throws -> LiveMock {
        var options = MockOptions()
        options.konnectAPIKeys = apiKeys
        options.blocklist = [blockedWord]
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
            claimlessToken: claimless(secret: secret, now: now), apiKey: apiKeys[0], apiKeyB: apiKeys[1])
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        // Above the mock's own limit, so its handler answers 413 in the API's envelope.
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

    /// Runs the scenarios of `apis` from the package's `Specs/` through URLSession.
    func check(_ apis: [APIKind], strict: Bool = false, record: URL? = nil) async throws -> ConformanceReport
    {
        let configuration = RunConfiguration(
            apis: apis, specsDirectory: SpecsLocation.defaultDirectory, credentials: credentials,
            strict: strict,
            maxRetryAfter: 0, honoursDelays: false, builtInMock: ["blockedWord": .string(Self.blockedWord)])
        let runner = try ConformanceRunner(
            configuration: configuration, transport: URLSessionTransport(baseURL: baseURL, timeout: 60),
            targetDescription: baseURL.absoluteString, recordDirectory: record)
        return try await runner.run()
    }

    func stop() async {
        await server.shutdown()
    }

    /// Starts the mock, runs `body` with it, and stops it whether `body` returns or throws.
    static func with<T>(
        wrap: (@escaping HTTPHandler, Credentials) -> HTTPHandler = { handler, _ in handler },
        _ body: (LiveMock) async throws -> T
    ) async throws -> T {
        let mock = try await start(wrap: wrap)
        do {
            let result = try await body(mock)
            await mock.stop()
            return result
        } catch {
            await mock.stop()
            throw error
        }
    }
}

extension ConformanceReport {
    /// Requirements that failed or warned.
    var deviatingIDs: Set<String> {
        Set(requirements.filter { $0.verdict == .failed || $0.verdict == .warned }.map(\.id))
    }

    /// A readable list of the deviations, for test failure messages.
    var deviationText: String {
        requirements.flatMap(\.deviations).map {
            "\($0.requirement) in \($0.scenario)/\($0.step): expected \($0.expected), got \($0.actual)"
        }
        .joined(separator: "\n")
    }
}
