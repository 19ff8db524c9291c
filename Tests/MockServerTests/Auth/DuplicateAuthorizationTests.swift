import HTTPServer
import SessionsAPI
import Testing

@testable import MockServer

/// Issue 13, finding 7: two `Authorization` headers are ambiguous, so both APIs refuse the
/// request as malformed (400) instead of picking one.
@Suite("Two Authorization headers")
struct DuplicateAuthorizationTests {
    @Test("CID222 answers 400 even when the first token is valid")
    func cid222() async throws {
        let client = CID222TestClient()
        let token = CID222TestClient.token()
        // Built by hand: the test client's helper replaces a header instead of repeating it.
        let headers = HTTPHeaders([("Authorization", "Bearer \(token)"), ("Authorization", "Bearer other")])
        let response = await client.handler(HTTPRequest(method: "GET", target: "/sessions", headers: headers))
        #expect(response.status == 400)
        guard case .bytes(let body) = response.body else {
            Issue.record("expected a byte body")
            return
        }
        #expect(String(decoding: body, as: UTF8.self).contains("More than one Authorization"))
    }

    @Test("Konnect answers 400 even when both keys are well-formed")
    func konnect() async throws {
        let client = KonnectTestClient()
        let response = await client.send(
            "GET", "/v1/sessions", headers: [("Authorization", "Bearer sk_test_other")])
        #expect(response.status == 400)
        #expect(try response.error().code == "invalid_request")
    }
}
