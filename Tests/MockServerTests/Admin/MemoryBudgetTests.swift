import HTTPServer
import JSONSchema
import Testing

@testable import MockServer

/// Issue 13, finding 5: caps over all namespaces together. Past a cap the answer is 507 and
/// nothing is kept; the journal drops its oldest entries instead.
@Suite("Memory budget over all namespaces")
struct MemoryBudgetTests {
    private func environment(_ configure: (inout MemoryLimits) -> Void) -> MockEnvironment {
        AdminTest.environment { options in configure(&options.limits) }
    }

    private func konnect(_ handler: HTTPHandler, namespace: String, body: String = #"{"message":"hi"}"#)
        async -> HTTPResponse
    {
        await handler(
            AdminTest.request(
                "POST", "/v1/chat",
                headers: [("Authorization", "Bearer sk_test_budget"), ("X-Mock-Namespace", namespace)],
                body: body))
    }

    @Test("a request in a namespace past the cap gets 507 and is not journaled; a reset makes room")
    func namespaceCap() async throws {
        let environment = environment { $0.maxNamespaces = 2 }
        let handler = MockServer.makeHandler(environment: environment)
        #expect(await konnect(handler, namespace: "a").status == 200)
        #expect(await konnect(handler, namespace: "b").status == 200)
        let refused = await konnect(handler, namespace: "c")
        #expect(refused.status == 507)
        #expect(try await AdminTest.json(refused)["error"]?["code"]?.string == "insufficient_storage")
        #expect(environment.journal.page(namespace: "c", limit: 10, offset: 0).total == 0)
        let fault = await handler(
            AdminTest.request("POST", "/__admin/faults?namespace=c", body: #"{"status":500}"#))
        #expect(fault.status == 507)
        #expect(await konnect(handler, namespace: "a").status == 200)
        let reset = await handler(AdminTest.request("POST", "/__admin/reset?namespace=b"))
        #expect(reset.status == 200)
        #expect(await konnect(handler, namespace: "c").status == 200)
    }

    @Test("creating a session past the per-namespace cap gets 507 on both APIs; using one still works")
    func sessionCap() async throws {
        let environment = environment { $0.maxSessionsPerNamespace = 1 }
        let handler = MockServer.makeHandler(environment: environment)
        let first = await konnect(handler, namespace: "default")
        let id = try #require(try await AdminTest.json(first)["session_id"]?.string)
        #expect(await konnect(handler, namespace: "default").status == 507)
        let more = await konnect(
            handler, namespace: "default", body: #"{"message":"again","session_id":"\#(id)"}"#)
        #expect(more.status == 200)

        let auth = AdminTest.cid222Auth(environment)
        #expect(
            await handler(AdminTest.request("POST", "/sessions", headers: [auth], body: "{}")).status == 201)
        let second = await handler(AdminTest.request("POST", "/sessions", headers: [auth], body: "{}"))
        #expect(second.status == 507)
        #expect(environment.cid222.list(namespace: "default", tenant: "t").count == 1)
    }

    @Test("the journal keeps within its byte budget over all namespaces, dropping the oldest entries")
    func journalBytes() async throws {
        let environment = environment { $0.maxJournalBytes = 6000 }
        let handler = MockServer.makeHandler(environment: environment)
        let padding = String(repeating: "x", count: 1000)
        for index in 0..<20 {
            _ = await konnect(handler, namespace: "n\(index % 4)", body: #"{"message":"\#(padding)"}"#)
            #expect(environment.journal.retainedBytes <= 6000)
        }
        #expect(environment.journal.retainedBytes > 0)
        // The newest request is kept; the first, in n0, is long gone.
        #expect(environment.journal.page(namespace: "n3", limit: 10, offset: 0).total >= 1)
        let oldest = environment.journal.page(namespace: "n0", limit: 100, offset: 0).entries.map(\.id)
        #expect(!oldest.contains(1))
    }

    @Test("registering a scripted reply past the global cap gets 507")
    func replyCap() async {
        let environment = environment { $0.maxScriptedReplies = 1 }
        let handler = MockServer.makeHandler(environment: environment)
        let body = #"{"reply":"r"}"#
        #expect(
            await handler(AdminTest.request("POST", "/__admin/replies?namespace=a", body: body)).status == 201
        )
        #expect(
            await handler(AdminTest.request("POST", "/__admin/replies?namespace=b", body: body)).status == 507
        )
    }
}
