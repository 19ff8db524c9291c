import HTTPServer
import JSONSchema
import Testing

@testable import MockServer

@Suite("Request journal")
struct JournalTests {
    func page(_ handler: HTTPHandler, _ query: String = "", namespace: String? = nil) async throws
        -> JSONValue
    {
        let headers = namespace.map { [("X-Mock-Namespace", $0)] } ?? []
        let response = await handler(AdminTest.request("GET", "/__admin/requests" + query, headers: headers))
        #expect(response.status == 200)
        return try await AdminTest.json(response)
    }

    @Test("entries are newest first with method, path, status, duration and masked credentials")
    func maskedEntries() async throws {
        let handler = AdminTest.handler(AdminTest.environment())
        _ = await handler(
            AdminTest.request(
                "GET", "/v1/sessions?limit=2",
                headers: [
                    ("Authorization", "Bearer sk_test_secret123"), ("Cookie", "sid=abc"), ("X-Api-Key", "k1"),
                ]))
        _ = await handler(AdminTest.request("POST", "/v1/chat", body: #"{"message":"hi"}"#))
        let journal = try await page(handler)
        #expect(journal["total"]?.int == 2)
        let newest = try #require(journal["data"]?[0])
        #expect(newest["method"]?.string == "POST")
        #expect(newest["request"]?["body"]?.string == #"{"message":"hi"}"#)
        #expect(newest["response"]?["body"]?.string == AdminTest.jsonBody)
        let oldest = try #require(journal["data"]?[1])
        #expect(oldest["path"]?.string == "/v1/sessions")
        #expect(oldest["target"]?.string == "/v1/sessions?limit=2")
        #expect(oldest["status"]?.int == 200)
        #expect(oldest["duration_ms"] != nil)
        let headers = try #require(oldest["request"]?["headers"])
        #expect(headers["authorization"]?.string == "Bearer ***")
        #expect(headers["cookie"]?.string == "***")
        #expect(headers["x-api-key"]?.string == "***")
        #expect(!journal.serialized().contains("secret123"))
    }

    @Test("the journal keeps at most journalSize entries per namespace, dropping the oldest")
    func bounded() async throws {
        let handler = AdminTest.handler(AdminTest.environment { $0.journalSize = 3 })
        for n in 0..<7 { _ = await handler(AdminTest.request("GET", "/v1/sessions?n=\(n)")) }
        let journal = try await page(handler)
        #expect(journal["total"]?.int == 3)
        #expect(
            journal["data"]?.array?.compactMap { $0["target"]?.string }
                == [6, 5, 4].map { "/v1/sessions?n=\($0)" })
    }

    @Test("limit and offset page through entries; has_more says when more remain")
    func paging() async throws {
        let handler = AdminTest.handler(AdminTest.environment())
        for n in 0..<5 { _ = await handler(AdminTest.request("GET", "/v1/sessions?n=\(n)")) }
        let first = try await page(handler, "?limit=2")
        #expect(first["data"]?.array?.count == 2)
        #expect(first["has_more"] == .bool(true))
        let last = try await page(handler, "?limit=2&offset=4")
        #expect(last["data"]?[0]?["target"]?.string == "/v1/sessions?n=0")
        #expect(last["has_more"] == .bool(false))
        #expect(try await page(handler, "?offset=50")["data"]?.array?.isEmpty == true)
    }

    @Test("bodies are cut at journalBodyLimit with their real size kept")
    func bodyLimit() async throws {
        let handler = AdminTest.handler(AdminTest.environment { $0.journalBodyLimit = 4 })
        _ = await handler(AdminTest.request("POST", "/v1/chat", body: #"{"message":"long"}"#))
        let entry = try #require(try await page(handler)["data"]?[0])
        #expect(entry["request"]?["body"]?.string == #"{"me"#)
        #expect(entry["request"]?["body_size"]?.int == 18)
        #expect(entry["request"]?["body_truncated"] == .bool(true))
    }

    @Test("admin requests are not journaled; each namespace sees only its own requests")
    func scope() async throws {
        let handler = AdminTest.handler(AdminTest.environment())
        _ = await handler(AdminTest.request("GET", "/__admin/health"))
        _ = await handler(AdminTest.request("GET", "/v1/sessions", headers: [("X-Mock-Namespace", "t1")]))
        _ = await handler(AdminTest.request("GET", "/sessions"))
        #expect(try await page(handler)["total"]?.int == 1)
        #expect(try await page(handler, namespace: "t1")["data"]?[0]?["namespace"]?.string == "t1")
        #expect(await handler(AdminTest.request("DELETE", "/__admin/requests?namespace=t1")).status == 204)
        #expect(try await page(handler, namespace: "t1")["total"]?.int == 0)
        #expect(try await page(handler)["total"]?.int == 1)
    }

    @Test("a stream is journaled with the events actually sent, and a cut is marked as such")
    func streams() async throws {
        let handler = AdminTest.handler(AdminTest.environment())
        let full = await handler(AdminTest.request("POST", "/sessions/s/messages", body: "{}"))
        let streaming = try #require(try await page(handler)["data"]?[0])
        #expect(streaming["outcome"]?.string == "streaming")
        _ = await AdminTest.collect(full)
        let done = try #require(try await page(handler)["data"]?[0])
        #expect(done["outcome"]?.string == "complete")
        #expect(done["response"]?["events"]?.array?.count == 6)
        #expect(done["response"]?["events"]?[5]?.string == "[DONE]")

        let cut = await handler(
            AdminTest.request(
                "POST", "/sessions/s/messages", headers: [("X-Mock-Fault", "cut_after=2")], body: "{}"))
        _ = await AdminTest.collect(cut)
        let entry = try #require(try await page(handler)["data"]?[0])
        #expect(entry["outcome"]?.string == "cut")
        #expect(entry["response"]?["events"]?.array == [.string(#"{"n":1}"#), .string(#"{"n":2}"#)])
        #expect(entry["fault"]?["cut_after"]?.int == 2)
        #expect(entry["fault"]?["source"]?.string == "header")
    }

    @Test("a reset is journaled without a status")
    func resetEntry() async throws {
        let handler = AdminTest.handler(AdminTest.environment())
        _ = await handler(AdminTest.request("GET", "/v1/sessions", headers: [("X-Mock-Fault", "reset")]))
        let entry = try #require(try await page(handler)["data"]?[0])
        #expect(entry["outcome"]?.string == "reset")
        #expect(entry["status"] == nil)
    }

    @Test(
        "credential masking keeps a scheme but never the secret",
        arguments: [
            ("Bearer abc.def.ghi", "Bearer ***"), ("sk_live_xyz", "***"), ("Basic dXNlcjpwYXNz", "Basic ***"),
            ("", "***"), ("Bearer", "***"), ("weird value with spaces", "weird ***"),
        ])
    func masking(value: String, masked: String) {
        #expect(CredentialMasking.maskedValue(value) == masked)
    }
}
