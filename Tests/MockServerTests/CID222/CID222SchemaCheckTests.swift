import Testing

@Suite("CID222 answers against Specs/cid222/openapi.json")
struct CID222SchemaCheckTests {
    @Test("the check finds nonconforming answers and events, so passing tests mean conforming bytes")
    func detectsViolations() {
        let missingTenant =
            #"{"id":"6f1c2e7a-9b3d-4f5a-8c21-0d9a1b2c3d4e","session_name":null,"created_at":"2026-01-15T10:30:00Z","updated_at":"2026-01-15T10:30:00Z","token_usage":{"total_tokens":0,"total_cost":0}}"#
        #expect(
            !CID222SchemaCheck.responseViolations(
                method: "POST", path: "/sessions", status: 201, contentType: "application/json",
                body: Array(missingTenant.utf8)
            ).isEmpty)
        #expect(!CID222SchemaCheck.eventViolations(#"{"type":"message_stop","stop_reason":"bogus"}"#).isEmpty)
        #expect(!CID222SchemaCheck.eventViolations(#"{"type":"context_usage"}"#).isEmpty)
        #expect(!CID222SchemaCheck.eventViolations("not json").isEmpty)
        #expect(
            CID222SchemaCheck.eventViolations(#"{"type":"message_stop","stop_reason":"end_turn"}"#).isEmpty)
        let error = #"{"statusCode":404,"message":"Session not found","error":"Not Found"}"#
        #expect(
            CID222SchemaCheck.responseViolations(
                method: "GET", path: "/sessions/x", status: 404, contentType: "application/json",
                body: Array(error.utf8)
            ).isEmpty)
    }

    @Test("the error event of a conflicting turn conforms too")
    func errorEvent() {
        #expect(
            CID222SchemaCheck.eventViolations(
                #"{"error":{"message":"The session was deleted","type":"conflict"},"type":"error"}"#
            ).isEmpty)
    }
}
