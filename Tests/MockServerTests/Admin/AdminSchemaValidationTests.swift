import Foundation
import HTTPServer
import JSONSchema
import Testing

@testable import MockServer

/// Every kind of admin answer validates against its schema in `Specs/admin/openapi.json`.
@Suite("Admin answers match Specs/admin/openapi.json")
struct AdminSchemaValidationTests {
    let environment = AdminTest.environment()
    var handler: HTTPHandler { MockServer.makeHandler(environment: environment) }

    static func document() throws -> JSONSchemaDocument {
        JSONSchemaDocument(try JSONValue.parse(Array(try Data(contentsOf: AdminOpenAPITests.url))))
    }

    func expectValid(_ response: HTTPResponse, _ schema: String, status: Int) async throws {
        #expect(response.status == status, "\(schema)")
        let bytes = await AdminTest.collect(response).bytes
        let errors = try Self.document().validate(
            try JSONValue.parse(bytes), schemaAt: "/components/schemas/\(schema)")
        #expect(
            errors.isEmpty, "\(schema): \(errors) in \(String(decoding: bytes, as: UTF8.self).prefix(300))")
    }

    @Test("health, reset, faults, replies, journal, state and errors each match their schema")
    func everyAnswer() async throws {
        let key = ("Authorization", "Bearer sk_test_schema")
        try await expectValid(
            await handler(AdminTest.request("GET", "/__admin/health")), "Health", status: 200)
        try await expectValid(
            await handler(
                AdminTest.request(
                    "POST", "/__admin/faults",
                    body:
                        #"{"api":"konnect","path":"/v1/**","latency_min_ms":0,"latency_max_ms":1,"times":1}"#)
            ),
            "Fault", status: 201)
        try await expectValid(
            await handler(
                AdminTest.request(
                    "POST", "/__admin/faults", body: #"{"status":"overloaded","method":"PATCH"}"#)),
            "Fault", status: 201)
        try await expectValid(
            await handler(AdminTest.request("GET", "/__admin/faults")), "FaultList", status: 200)
        try await expectValid(
            await handler(
                AdminTest.request(
                    "POST", "/__admin/replies",
                    body:
                        #"{"api":"cid222","reply":"ok","events":[{"type":"filter_warning","entity":"email"}]}"#
                )),
            "Reply", status: 201)
        try await expectValid(
            await handler(AdminTest.request("GET", "/__admin/replies")), "ReplyList", status: 200)

        _ = await handler(
            AdminTest.request("POST", "/v1/chat", headers: [key], body: #"{"message":"hello"}"#))
        _ = await handler(
            AdminTest.request("GET", "/v1/sessions", headers: [key, ("X-Mock-Fault", "status=429")]))
        _ = await handler(
            AdminTest.request("GET", "/v1/sessions", headers: [key, ("X-Mock-Fault", "reset")]))
        _ = await handler(
            AdminTest.request("GET", "/v1/sessions", headers: [key, ("X-Mock-Fault", "cut_after=1")]))
        try await expectValid(
            await handler(AdminTest.request("GET", "/__admin/requests")), "JournalList", status: 200)

        try await expectValid(await handler(AdminTest.request("GET", "/__admin/state")), "State", status: 200)
        try await expectValid(
            await handler(AdminTest.request("POST", "/__admin/reset?namespace=x")), "ResetResult", status: 200
        )
        try await expectValid(
            await handler(AdminTest.request("POST", "/__admin/faults", body: #"{"times":0}"#)), "AdminError",
            status: 400)
        try await expectValid(
            await handler(AdminTest.request("DELETE", "/__admin/replies/rpl_999")), "AdminError", status: 404)
    }

    @Test("the document's own examples validate against their schemas")
    func examples() throws {
        let document = try Self.document()
        guard let schemas = document.root.at(pointer: "/components/schemas")?.objectValue else {
            Issue.record("no schemas")
            return
        }
        var checked = 0
        for (name, schema) in schemas {
            guard let example = schema["example"] else { continue }
            checked += 1
            #expect(
                try document.validate(example, schemaAt: "/components/schemas/\(name)").isEmpty, "\(name)")
        }
        #expect(checked >= 3)
    }
}
