import Conformance
import Foundation
import MockServer
import SessionsAPI
import Testing

/// The conformance runner against a second, independent implementation of both APIs. A
/// checker that is lenient where the seeds are silent passes it; one that judges the built-in
/// mock's own choices fails it, and the failures name those choices.
@Suite(.serialized) struct IndependentConformanceTests {
    /// Tokens signed with the independent server's secret, and its two Konnect keys.
    static func credentials() -> Credentials {
        let secret = IndependentServer.jwtSecret
        let now = Int64(Date().timeIntervalSince1970)
        return Credentials(
            token: JWTMinter.mint(tenant: "indep-tenant-a", user: "ada", secret: secret, now: now),
            tokenB: JWTMinter.mint(tenant: "indep-tenant-b", user: "brian", secret: secret, now: now),
            expiredToken: JWTMinter.mint(
                tenant: "indep-tenant-a", user: "ada", ttl: 60, secret: secret, now: now - 7200),
            apiKey: IndependentServer.apiKeys[0], apiKeyB: IndependentServer.apiKeys[1])
    }

    /// Runs `check --api <api>` against a fresh independent server, stopping it afterwards
    /// whether or not the run throws.
    static func check(_ api: APIKind, breakage: IndependentBreakage = .none) async throws -> ConformanceReport
    {
        let server = try await IndependentServer.start(breakage: breakage)
        do {
            let configuration = RunConfiguration(
                apis: [api], specsDirectory: SpecsLocation.defaultDirectory, credentials: credentials(),
                strict: false, maxRetryAfter: 0, honoursDelays: true, builtInMock: nil)
            let runner = try ConformanceRunner(
                configuration: configuration,
                transport: URLSessionTransport(baseURL: server.baseURL, timeout: 120),
                targetDescription: server.baseURL.absoluteString, recordDirectory: nil)
            let report = try await runner.run()
            await server.stop()
            return report
        } catch {
            await server.stop()
            throw error
        }
    }

    static func failedIDs(_ report: ConformanceReport) -> Set<String> {
        Set(report.requirements.filter { $0.verdict == .failed }.map(\.id))
    }

    /// Failures first, then warnings, one line each, for the test's failure message.
    static func explain(_ report: ConformanceReport) -> String {
        let lines = report.requirements.filter { $0.verdict == .failed || $0.verdict == .warned }
            .flatMap { result in
                result.deviations.map {
                    "\(result.verdict.rawValue.uppercased()) \(result.id) in \($0.scenario)/\($0.step): "
                        + "expected \($0.expected), got \($0.actual)"
                }
            }
        return lines.joined(separator: "\n")
    }

    @Test(arguments: [APIKind.cid222, .konnect])
    func theIndependentImplementationConforms(_ api: APIKind) async throws {
        let report = try await Self.check(api)
        if let path = ProcessInfo.processInfo.environment["INDEPENDENT_WARNINGS"] {
            try Data(Self.explain(report).utf8).write(to: URL(fileURLWithPath: path + "." + api.rawValue))
        }
        #expect(report.abortedBecause == nil)
        #expect(Self.failedIDs(report).isEmpty, "\(Self.explain(report))")
        #expect(report.exitCode == 0, "\(Self.explain(report))")
    }

    @Test(arguments: IndependentBreakage.allCases.filter { $0 != .none })
    func eachBreakageIsNamedByItsRequirement(_ breakage: IndependentBreakage) async throws {
        let report = try await Self.check(.konnect, breakage: breakage)
        let expected = try #require(breakage.expectedFailure)
        #expect(report.exitCode == 1, "\(Self.explain(report))")
        #expect(Self.failedIDs(report).contains(expected), "\(Self.explain(report))")
    }
}
