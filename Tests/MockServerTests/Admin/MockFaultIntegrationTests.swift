import Foundation
import HTTPServer
import JSONSchema
import Testing

@testable import MockServer

/// Faults against the real mocks: what a fault leaves behind in their stores.
@Suite("Faults against the real mocks")
struct MockFaultIntegrationTests {
    let environment = AdminTest.environment()
    var handler: HTTPHandler { MockServer.makeHandler(environment: environment) }

    var auth: (String, String) { AdminTest.cid222Auth(environment) }

    func newSession() async throws -> String {
        try await AdminTest.newCID222Session(handler, auth: auth)
    }

    func history(_ id: String) async throws -> [JSONValue] {
        let detail = await handler(AdminTest.request("GET", "/sessions/\(id)", headers: [auth]))
        return try await AdminTest.json(detail)["context"]?.array ?? []
    }

    static let send = #"{"content":"Tell me about my order","model":"gpt-4o"}"#

    @Test("a CID222 stream cut before message_stop stores nothing; the retry starts from the same history")
    func cutStoresNothing() async throws {
        let id = try await newSession()
        let cut = await handler(
            AdminTest.request(
                "POST", "/sessions/\(id)/messages", headers: [auth, ("X-Mock-Fault", "cut_after=2")],
                body: Self.send))
        let (bytes, error) = await AdminTest.collect(cut)
        #expect(error is InjectedStreamCut)
        #expect(!String(decoding: bytes, as: UTF8.self).contains("message_stop"))
        #expect(try await history(id).isEmpty)
        let retry = await handler(
            AdminTest.request("POST", "/sessions/\(id)/messages", headers: [auth], body: Self.send))
        #expect(await AdminTest.text(retry).hasSuffix("data: [DONE]\n\n"))
        #expect(try await history(id).count == 2)
    }

    @Test("a 429 on a CID222 send changes nothing and answers CID222's envelope")
    func rateLimitChangesNothing() async throws {
        let id = try await newSession()
        let limited = await handler(
            AdminTest.request(
                "POST", "/sessions/\(id)/messages",
                headers: [auth, ("X-Mock-Fault", "status=429;retry_after=5")],
                body: Self.send))
        #expect(limited.status == 429)
        #expect(limited.headers["Retry-After"] == "5")
        let body = try await AdminTest.json(limited)
        #expect(body["statusCode"]?.int == 429)
        #expect(body["error"]?.string == "Too Many Requests")
        #expect(try await history(id).isEmpty)
    }

    @Test("the journal records a real CID222 stream's events, with the JWT masked")
    func journalOfRealStream() async throws {
        let id = try await newSession()
        _ = await AdminTest.collect(
            await handler(
                AdminTest.request("POST", "/sessions/\(id)/messages", headers: [auth], body: Self.send)))
        let journal = try await AdminTest.json(
            await handler(AdminTest.request("GET", "/__admin/requests?limit=1")))
        let entry = try #require(journal["data"]?[0])
        let events = entry["response"]?["events"]?.array?.compactMap(\.string) ?? []
        #expect(events.last == "[DONE]")
        #expect(events.contains { $0.contains(#""type":"message_stop""#) })
        #expect(entry["request"]?["headers"]?["authorization"]?.string == "Bearer ***")
        #expect(!journal.serialized().contains(auth.1.dropFirst(7)))
    }
}
