import Conformance
import Foundation
import SessionsAPI
import Testing

/// The proxy in front of the independent implementation, which chooses otherwise than the
/// mock wherever the seeds are silent: judged from traffic alone, the server side fails no
/// documented requirement (conventions it does not follow may warn, as with `check`).
@Suite(.timeLimit(.minutes(5))) struct ProxyIndependentTests {
    @Test(arguments: APIKind.allCases)
    func aDifferentCorrectDeploymentFailsNothingDocumented(_ api: APIKind) async throws {
        let server = try await IndependentServer.start()
        let proxy: SessionsProxy
        do {
            var settings = SessionsProxy.Settings(target: server.baseURL)
            settings.port = 0
            settings.apis = [api]
            proxy = try await SessionsProxy.start(settings, announce: { _ in })
        } catch {
            await server.stop()
            throw error
        }
        let outcome = await Result {
            let url = try #require(URL(string: "http://127.0.0.1:\(proxy.port)"))
            let configuration = RunConfiguration(
                apis: [api], specsDirectory: SpecsLocation.defaultDirectory,
                credentials: IndependentConformanceTests.credentials(), maxRetryAfter: 0, honoursDelays: true,
                builtInMock: nil)
            let runner = try ConformanceRunner(
                configuration: configuration, transport: URLSessionTransport(baseURL: url, timeout: 120),
                targetDescription: url.absoluteString)
            return try await runner.run()
        }
        let report = proxy.report()
        try? await proxy.stop()
        await server.stop()
        let checked = try outcome.get()
        #expect(checked.summary.failed == 0, "\(checked.deviationText)")
        #expect(report.documentedServerFailures.isEmpty, "\(report.text)")
        #expect(report.exchanges > 20)
    }
}
