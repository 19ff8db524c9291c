import HTTPServer
import JSONSchema
import Testing

@testable import MockServer

/// Requests the admin OpenAPI document calls valid are accepted, found by Schemathesis:
/// lengths in characters, null as absent, snapshots without namespaces.
@Suite("Admin routes accept what their schema allows")
struct AdminSchemaAgreementTests {
    let environment = AdminTest.environment()
    var handler: HTTPHandler { AdminTest.handler(environment) }

    func post(_ target: String, _ body: String, method: String = "POST") async -> HTTPResponse {
        await handler(AdminTest.request(method, target, body: body))
    }

    @Test("PUT state takes empty API snapshots as empty stores")
    func emptySnapshots() async throws {
        let response = await post("/__admin/state", #"{"version":1,"konnect":{},"cid222":{}}"#, method: "PUT")
        #expect(response.status == 200)
        #expect(try await AdminTest.json(response)["imported"]?["konnect"]?.int == 0)
    }

    @Test("null optional token fields take their defaults")
    func nullTokenFields() async throws {
        let response = await post(
            "/__admin/tokens", #"{"tenant":"t","user":"u","role":null,"ttl_seconds":null}"#)
        #expect(response.status == 200)
    }

    @Test("lengths count characters, not UTF-8 bytes")
    func characterLengths() async throws {
        let message = String(repeating: "é", count: 2000)
        let fault = await post("/__admin/faults", #"{"status":500,"message":"\#(message)"}"#)
        #expect(fault.status == 201)
        let tooLong = await post("/__admin/faults", #"{"status":500,"message":"\#(message)é"}"#)
        #expect(tooLong.status == 400)
        let pattern = String(repeating: "ü", count: 4096)
        let reply = await post("/__admin/replies", #"{"pattern":"\#(pattern)","reply":"ok"}"#)
        #expect(reply.status == 201)
    }
}
