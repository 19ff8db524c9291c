import Conformance
import Foundation
import MockServer
import SessionsAPI

/// One deterministic run of every scenario against the in-process mock, recorded as
/// `sessions check --record` does: the source of `Recordings/` and of its golden test.
enum GoldenRun {
    static let seed: UInt64 = 42
    static let clock = "2026-01-15T10:30:00Z,1"

    /// `<package>/Recordings`.
    static var recordingsDirectory: URL {
        SpecsLocation.defaultDirectory.deletingLastPathComponent().appendingPathComponent("Recordings")
    }

    /// Runs the scenarios of `apis` with `seed` (against `transport`, by default a fresh
    /// mock) and writes one transcript per scenario
    /// under `directory/<api>/`. Returns the run's report.
    @discardableResult
    static func record(
        into directory: URL, seed: UInt64 = seed, apis: [APIKind] = APIKind.allCases,
        scenarioFilter: String? = nil,
        transport: InProcessTransport? = nil
    ) async throws -> ConformanceReport {
        var options = MockOptions()
        options.seed = seed
        options.clock = ClockSpec(parsing: clock)
        let environment = MockEnvironment(options: options)
        let start = options.clock?.start ?? 0
        let secret = options.jwtSecret
        let credentials = Credentials(
            token: JWTMinter.mint(
                tenant: "tenant-a", user: "alice", ttl: 10 * 365 * 86_400, secret: secret, now: start),
            tokenB: JWTMinter.mint(
                tenant: "tenant-b", user: "bob", ttl: 10 * 365 * 86_400, secret: secret, now: start),
            expiredToken: JWTMinter.mint(
                tenant: "tenant-a", user: "alice", ttl: 60, secret: secret, now: start - 7200),
            apiKey: "sk_test_goldenUserA", apiKeyB: "sk_test_goldenUserB")
        let configuration = RunConfiguration(
            apis: apis, specsDirectory: SpecsLocation.defaultDirectory, credentials: credentials,
            scenarioFilter: scenarioFilter)
        let runner = try ConformanceRunner(
            configuration: configuration,
            transport: transport
                ?? InProcessTransport(handler: MockServer.makeHandler(environment: environment)),
            targetDescription: "in-process mock", recordDirectory: directory)
        return try await runner.run()
    }
}
