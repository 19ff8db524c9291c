import Foundation
import HTTPServer
import JSONSchema
import Testing

@testable import MockServer

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Parallel clients against one running mock (MockServer.start on port 0).
@Suite("Namespaces over real sockets")
struct LiveNamespaceTests {
    @Test("two parallel clients in different namespaces never see each other's sessions")
    func parallelNamespaces() async throws {
        let mock = try await MockServer.start(port: 0, options: MockOptions())
        let base = mock.baseURL
        let counts = await withTaskGroup(of: (String, [String]).self) { group in
            for namespace in ["suite-a", "suite-b"] {
                group.addTask {
                    let headers = [
                        ("Authorization", "Bearer sk_test_shared"), ("X-Mock-Namespace", namespace),
                    ]
                    for n in 0..<5 {
                        _ = await Live.send(
                            "POST", base.appendingPathComponent("v1/chat"), headers: headers,
                            body: #"{"message":"\#(namespace) message \#(n)"}"#)
                    }
                    let list = await Live.send(
                        "GET", base.appendingPathComponent("v1/sessions"), headers: headers)
                    let titles =
                        (try? AdminBody.parse(list.body))?["data"]?.array?.compactMap { $0["title"]?.string }
                        ?? []
                    return (namespace, titles)
                }
            }
            var out: [String: [String]] = [:]
            for await (namespace, titles) in group { out[namespace] = titles }
            return out
        }
        for namespace in ["suite-a", "suite-b"] {
            let titles = counts[namespace] ?? []
            #expect(titles.count == 5)
            #expect(titles.allSatisfy { $0.hasPrefix(namespace) })
        }
        let journal = await Live.send(
            "GET", base.appendingPathComponent("__admin/requests"), headers: [("X-Mock-Namespace", "suite-a")]
        )
        let entries = try AdminBody.parse(journal.body)
        #expect(entries["total"]?.int == 6)
        #expect(!journal.text.contains("sk_test_shared"))
        await mock.stop()
    }

    @Test("state and faults loaded into an environment before start are served from the first request")
    func fixturesBeforeStart() async throws {
        let source = MockEnvironment(options: MockOptions())
        let key = ("Authorization", "Bearer sk_test_fixture")
        let chat = await MockServer.makeHandler(environment: source)(
            AdminTest.request("POST", "/v1/chat", headers: [key], body: #"{"message":"from a fixture"}"#))
        #expect(chat.status == 200)
        let state = await AdminTest.collect(
            await MockServer.makeHandler(environment: source)(
                AdminTest.request("GET", "/__admin/state"))
        ).bytes

        let environment = MockEnvironment(options: MockOptions())
        #expect(try environment.importState(json: state) == (konnect: 1, cid222: 0))
        try FaultFile.load(Array(#"[{"method":"DELETE","status":503}]"#.utf8), into: environment.faults)
        let mock = try await MockServer.start(port: 0, environment: environment)
        let list = await Live.send("GET", mock.baseURL.appendingPathComponent("v1/sessions"), headers: [key])
        #expect(list.text.contains("from a fixture"))
        let delete = await Live.send(
            "DELETE", mock.baseURL.appendingPathComponent("v1/sessions/x"), headers: [key])
        #expect(delete.status == 503)
        await mock.stop()
    }
}
