import Testing

/// The schema check the Konnect test client runs on every answer can fail.
@Suite("Konnect answers against Specs/konnect/openapi.json")
struct KonnectSchemaCheckTests {
    let check = KonnectTestClient.schema

    @Test func aConformingAnswerHasNoViolation() {
        let body = #"{"id":"sess_abc123","object":"session.deleted","deleted":true}"#
        #expect(
            check.violations(
                method: "DELETE", path: "/v1/sessions/sess_abc123", status: 200,
                contentType: "application/json",
                body: Array(body.utf8)
            ).isEmpty)
    }

    @Test func aBrokenAnswerIsReported() {
        let body = #"{"id":"sess_abc123","object":"session.deleted","deleted":"yes"}"#
        let problems = check.violations(
            method: "DELETE", path: "/v1/sessions/sess_abc123", status: 200, contentType: "application/json",
            body: Array(body.utf8))
        #expect(!problems.isEmpty)
        #expect(problems.allSatisfy { $0.contains("/deleted") })
    }

    @Test func aStatusTheDocumentDoesNotListIsReported() {
        let problems = check.violations(
            method: "GET", path: "/v1/sessions", status: 418, contentType: "application/json",
            body: Array("{}".utf8))
        #expect(problems.count == 1)
    }

    @Test func adminPathsAndNonJSONAnswersAreNotChecked() {
        #expect(
            check.violations(
                method: "GET", path: "/__admin/health", status: 200, contentType: "application/json",
                body: Array("[]".utf8)
            ).isEmpty)
        #expect(
            check.violations(
                method: "GET", path: "/v1/sessions", status: 200, contentType: "text/plain", body: []
            ).isEmpty)
    }
}
