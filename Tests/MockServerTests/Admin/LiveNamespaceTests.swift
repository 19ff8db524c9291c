import Foundation
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
                        (try? AdminJSON.parse(list.body))?["data"]?.array?.compactMap { $0["title"]?.string }
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
        let entries = try AdminJSON.parse(journal.body)
        #expect(entries["total"]?.int == 6)
        #expect(!journal.text.contains("sk_test_shared"))
        await mock.stop()
    }
}
