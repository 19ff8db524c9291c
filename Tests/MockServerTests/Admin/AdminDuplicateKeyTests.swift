import HTTPServer
import JSONSchema
import Testing

@testable import MockServer

/// Admin bodies are read by the strict shared parser: a repeated member name is an error,
/// never "the last one wins", and nothing is registered.
@Suite("Admin bodies with a duplicate key")
struct AdminDuplicateKeyTests {
    @Test(
        "POST faults, replies and tokens and PUT state answer 400 naming the body",
        arguments: [
            ("POST", "/__admin/faults", #"{"status":500,"status":429}"#),
            ("POST", "/__admin/replies", #"{"reply":"a","reply":"b"}"#),
            ("POST", "/__admin/tokens", #"{"tenant":"t","user":"u","user":"v"}"#),
            ("PUT", "/__admin/state", #"{"version":1,"version":1,"konnect":{},"cid222":{}}"#),
        ])
    func refused(method: String, path: String, body: String) async throws {
        let environment = AdminTest.environment()
        let handler = AdminTest.handler(environment)
        let response = await handler(AdminTest.request(method, path, body: body))
        #expect(response.status == 400)
        let error = try await AdminTest.json(response)
        #expect(error["statusCode"]?.int == 400)
        #expect(error["message"]?.string?.contains("JSON") == true)
        #expect(environment.faults.list(namespace: "default").isEmpty)
        #expect(environment.replies.list(namespace: "default").isEmpty)
    }
}
