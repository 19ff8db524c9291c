import Conformance
import Foundation
import Testing

/// The proxy judges from traffic alone: on the unbroken mock the server side never fails.
@Suite struct ProxyVerdictTests {
    @Test(arguments: APIKind.allCases)
    func checksScenariosThroughTheProxyFindNoServerDeviation(_ api: APIKind) async throws {
        let harness = try await ProxyHarness.start(apis: [api])
        let outcome = await Result { try await harness.checkThroughProxy([api]) }
        let report = harness.proxy.report()
        await harness.stop()
        let checked = try outcome.get()
        // The runner sees the mock through the proxy as it would directly: the relay changed nothing.
        #expect(checked.summary.failed == 0, "\(checked.deviationText)")
        #expect(report.serverDeviations.isEmpty, "\(report.text)")
        #expect(report.exchanges > 20)
        let passed = Set(report.report.requirements.filter { $0.verdict == .passed }.map(\.id))
        print("PASSED", api, passed.sorted())
    }
}

extension Result where Failure == any Error {
    init(_ body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
