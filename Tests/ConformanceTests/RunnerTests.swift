import Conformance
import Foundation
import SessionsAPI
import Synchronization
import Testing

/// A transport that answers from a closure and remembers every request.
private final class FakeTransport: HTTPTransport {
    let log = Mutex<[WireRequest]>([])
    let answer: @Sendable (WireRequest, Int) throws -> WireResponse

    init(answer: @escaping @Sendable (WireRequest, Int) throws -> WireResponse) {
        self.answer = answer
    }

    func send(_ request: WireRequest) async throws -> WireResponse {
        let index = log.withLock { list in
            list.append(request)
            return list.count - 1
        }
        return try answer(request, index)
    }

    var requests: [WireRequest] { log.withLock { $0 } }
}

private func json(_ status: Int, _ text: String, headers: [WireHeader] = []) -> WireResponse {
    WireResponse(
        status: status, headers: headers + [WireHeader(name: "Content-Type", value: "application/json")],
        chunks: [Array(text.utf8)])
}

/// A throwaway specs folder: two requirements, empty OpenAPI documents, one scenario.
/// - Parameter repeatFromAnswer: the second step repeats as often as the first answer's
///   `repeat` says, a count no estimate made before the run can know.
private func makeSpecs(mockOnly: Bool = false, repeatFromAnswer: Bool = false) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
        "conformance-\(UUID().uuidString)")
    let scenarios = root.appendingPathComponent("konnect/scenarios")
    try FileManager.default.createDirectory(at: scenarios, withIntermediateDirectories: true)
    let requirement = { (id: String, level: String) in
        let basis = level == "documented" ? "statement" : "convention"
        return
            #"{"id":"\#(id)","api":"konnect","endpoint":"*","level":"\#(level)","basis":"\#(basis)","statement":"s","source":{"file":"001.txt","section":"Sessions API"},"rationale":"r"}"#
    }
    let catalogue =
        #"{"requirements":[\#(requirement("KON-CHAT-CREATES-SESSION", "inferred")),\#(requirement("KON-GET-MESSAGES", "documented"))]}"#
    try Data(catalogue.utf8).write(to: root.appendingPathComponent("requirements.json"))
    try Data(#"{"openapi":"3.1.0","components":{"schemas":{}}}"#.utf8)
        .write(to: root.appendingPathComponent("konnect/openapi.json"))
    let scenario = """
        {"name": "tiny", "api": "konnect", "mockOnly": \(mockOnly), "steps": [
          {"name": "start", "request": {"method": "POST", "path": "/v1/chat", "json": {"message": "hi"}},
           "creates": "/session_id", "capture": {"sid": "/session_id", "times": "/repeat"},
           "expect": [{"status": 200, "requirements": ["KON-CHAT-CREATES-SESSION"]}]},
          {"name": "read", "request": {"method": "GET", "path": "/v1/sessions/${sid}"},
           "repeat": \(repeatFromAnswer ? "\"${times}\"" : "1"),
           "expect": [{"status": 200, "requirements": ["KON-GET-MESSAGES"]},
                      {"pointer": "/messages", "count": 2, "requirements": ["KON-GET-MESSAGES"]}]}
        ]}
        """
    try Data(scenario.utf8).write(to: scenarios.appendingPathComponent("tiny.json"))
    return root
}

@Suite struct RunnerTests {
    private func configuration(_ specs: URL, maxRequests: Int? = nil) -> RunConfiguration {
        RunConfiguration(
            apis: [.konnect], specsDirectory: specs, credentials: Credentials(apiKey: "sk_test_runnerSecret"),
            maxRequests: maxRequests, maxRetryAfter: 0)
    }

    @Test func passingRunCleansUpAndNeverLeaksTheKey() async throws {
        let specs = try makeSpecs()
        defer { try? FileManager.default.removeItem(at: specs) }
        let transport = FakeTransport { request, _ in
            switch (request.method, request.target) {
            case ("POST", "/v1/chat"): return json(200, #"{"session_id":"sess_1"}"#)
            case ("GET", "/v1/sessions/sess_1"): return json(200, #"{"messages":[{},{}]}"#)
            default: return json(200, #"{"deleted":true}"#)
            }
        }
        let runner = try ConformanceRunner(
            configuration: configuration(specs), transport: transport, targetDescription: "http://fake")
        let lines = Mutex<[String]>([])
        let report = try await runner.run { line in lines.withLock { $0.append(line) } }
        #expect(report.exitCode == 0)
        #expect(report.summary.passed == 2)
        #expect(transport.requests.last?.method == "DELETE")
        #expect(transport.requests.last?.target == "/v1/sessions/sess_1")
        #expect(transport.requests.allSatisfy { $0.header("X-Mock-Namespace") == "conformance" })
        #expect(lines.withLock { $0 }.first?.hasPrefix("PASS konnect/tiny") == true)
    }

    @Test func deviationNamesTheRequirementWithARedactedReproducer() async throws {
        let specs = try makeSpecs()
        defer { try? FileManager.default.removeItem(at: specs) }
        let transport = FakeTransport { request, _ in
            request.method == "GET"
                ? json(200, #"{"messages":[{}]}"#) : json(200, #"{"session_id":"sess_1"}"#)
        }
        let runner = try ConformanceRunner(
            configuration: configuration(specs), transport: transport, targetDescription: "http://fake")
        let report = try await runner.run()
        #expect(report.exitCode == 1)
        let failed = report.requirements.filter { $0.verdict == .failed }.map(\.id)
        #expect(failed == ["KON-GET-MESSAGES"])
        let reproducer =
            report.requirements.first { $0.id == "KON-GET-MESSAGES" }?.deviations.first?.reproducer ?? ""
        #expect(reproducer.contains("$SESSIONS_API_KEY"))
        #expect(!reproducer.contains("runnerSecret"))
        let encoded = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(!encoded.contains("runnerSecret"))
    }

    @Test func wrongStatusBlocksBodyChecksInsteadOfFailingThemToo() async throws {
        let specs = try makeSpecs()
        defer { try? FileManager.default.removeItem(at: specs) }
        let transport = FakeTransport { request, _ in
            request.method == "GET" ? json(500, #"{}"#) : json(200, #"{"session_id":"sess_1"}"#)
        }
        let runner = try ConformanceRunner(
            configuration: configuration(specs), transport: transport, targetDescription: "http://fake")
        let report = try await runner.run()
        let result = report.requirements.first { $0.id == "KON-GET-MESSAGES" }
        #expect(result?.deviations.count == 1)
    }

    @Test func mockOnlyScenariosAreSkippedWithTheReasonAgainstOtherTargets() async throws {
        let specs = try makeSpecs(mockOnly: true)
        defer { try? FileManager.default.removeItem(at: specs) }
        let transport = FakeTransport { _, _ in json(500, "{}") }
        let runner = try ConformanceRunner(
            configuration: configuration(specs), transport: transport, targetDescription: "http://fake")
        let report = try await runner.run()
        #expect(transport.requests.isEmpty)
        #expect(report.scenarios.first?.verdict == .skipped)
        #expect(report.scenarios.first?.reason?.contains("built-in mock") == true)
        #expect(
            report.requirements.allSatisfy {
                $0.verdict == .skipped && $0.reason?.contains("built-in mock") == true
            })
    }

    @Test func retriesA429ThenSucceeds() async throws {
        let specs = try makeSpecs()
        defer { try? FileManager.default.removeItem(at: specs) }
        let transport = FakeTransport { request, index in
            if index == 0 { return json(429, "{}", headers: [WireHeader(name: "Retry-After", value: "0")]) }
            return request.method == "GET"
                ? json(200, #"{"messages":[{},{}]}"#) : json(200, #"{"session_id":"sess_1"}"#)
        }
        let runner = try ConformanceRunner(
            configuration: configuration(specs), transport: transport, targetDescription: "http://fake")
        let report = try await runner.run()
        #expect(report.exitCode == 0)
        #expect(transport.requests[0].target == transport.requests[1].target)
    }

    @Test func aScenarioThatWouldExceedTheBudgetIsSkippedWithTheCountItNeeds() async throws {
        let specs = try makeSpecs()
        defer { try? FileManager.default.removeItem(at: specs) }
        let transport = FakeTransport { _, _ in json(200, #"{"session_id":"sess_1"}"#) }
        let runner = try ConformanceRunner(
            configuration: configuration(specs, maxRequests: 1), transport: transport,
            targetDescription: "http://fake")
        let report = try await runner.run()
        #expect(transport.requests.isEmpty)
        #expect(report.scenarios.map(\.verdict) == [.skipped])
        #expect(report.scenarios.first?.reason?.contains("needs 2 requests") == true)
        #expect(report.exitCode == 0)
    }

    @Test func requestBudgetStopsTheRunButStillCleansUp() async throws {
        let specs = try makeSpecs(repeatFromAnswer: true)
        defer { try? FileManager.default.removeItem(at: specs) }
        let transport = FakeTransport { _, _ in json(200, #"{"session_id":"sess_1","repeat":3}"#) }
        let runner = try ConformanceRunner(
            configuration: configuration(specs, maxRequests: 2), transport: transport,
            targetDescription: "http://fake")
        let report = try await runner.run()
        #expect(report.abortedBecause?.contains("--max-requests 2") == true)
        #expect(transport.requests.map(\.method) == ["POST", "GET", "DELETE"])
    }

    @Test func unreachableTargetIsARunError() async throws {
        let specs = try makeSpecs()
        defer { try? FileManager.default.removeItem(at: specs) }
        let transport = FakeTransport { _, _ in throw TransportError.cannotConnect("refused") }
        let runner = try ConformanceRunner(
            configuration: configuration(specs), transport: transport, targetDescription: "http://fake")
        await #expect(throws: RunError.cannotConnect("refused")) { _ = try await runner.run() }
    }

    @Test func urlSessionTransportReportsARefusedConnection() async throws {
        // Port 1 on loopback is closed on any sane test machine: connect fails at once.
        let transport = URLSessionTransport(
            baseURL: try #require(URL(string: "http://127.0.0.1:1")), timeout: 5)
        await #expect(throws: TransportError.self) {
            _ = try await transport.send(WireRequest(method: "GET", target: "/v1/sessions"))
        }
    }
}
