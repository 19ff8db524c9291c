import Conformance
import Foundation
import MockServer
import SessionsAPI
import Testing

/// Every scenario of `Specs/` against the real mock over a socket: nothing may deviate.
@Suite(.timeLimit(.minutes(2))) struct EndToEndTests {
    @Test(arguments: [APIKind.cid222, .konnect])
    func theMockConformsWithoutFailureOrWarning(_ api: APIKind) async throws {
        let report = try await LiveMock.with { try await $0.check([api], strict: true) }
        #expect(report.exitCode == 0, "\(report.deviationText)")
        #expect(report.deviatingIDs.isEmpty)
        #expect(report.abortedBecause == nil)
        #expect(report.summary.passed > 50)
        #expect(
            report.scenarios.allSatisfy { $0.verdict == .passed },
            "\(report.scenarios.map { "\($0.name): \($0.verdict)" })")
    }

    @Test func everySessionTheRunCreatedIsDeletedAtTheEnd() async throws {
        try await LiveMock.with { mock in
            _ = try await mock.check([.konnect])
            // The run's namespace must be empty again: list it with a's key.
            let transport = URLSessionTransport(baseURL: mock.baseURL, timeout: 60)
            for key in LiveMock.apiKeys {
                let answer = try await transport.send(
                    WireRequest(
                        method: "GET", target: "/v1/sessions?limit=100",
                        headers: [
                            WireHeader(name: "Authorization", value: "Bearer \(key)"),
                            WireHeader(name: "X-Mock-Namespace", value: "conformance"),
                        ]))
                let text = String(decoding: answer.body, as: UTF8.self)
                #expect(answer.status == 200)
                #expect(text.contains("\"total\":0"), "\(text)")
            }
        }
    }

    @Test func recordingsAreDeterministicAndCarryNoCredential() async throws {
        let folders = (0..<2).map { _ in
            FileManager.default.temporaryDirectory.appendingPathComponent("record-\(UUID().uuidString)")
        }
        defer { for folder in folders { try? FileManager.default.removeItem(at: folder) } }
        for folder in folders {
            _ = try await LiveMock.with { try await $0.check([.konnect], record: folder) }
        }
        let first = folders[0].appendingPathComponent("konnect/chat.json")
        let a = try Data(contentsOf: first)
        let b = try Data(contentsOf: folders[1].appendingPathComponent("konnect/chat.json"))
        #expect(a == b)
        let text = String(decoding: a, as: UTF8.self)
        #expect(!text.contains(LiveMock.apiKeys[0]))
        #expect(text.contains("$SESSIONS_API_KEY"))
    }
}
