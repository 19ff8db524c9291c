import HTTPServer
import Testing

@testable import MockServer

/// Issue 13, finding 3: a web page cannot drive the admin API from a visitor's browser, and
/// an admin token, when set, guards every admin route.
@Suite("Admin guard: origin, content type, token")
struct AdminGuardTests {
    let environment = AdminTest.environment()
    var handler: HTTPHandler { MockServer.makeHandler(environment: environment) }

    private func send(_ method: String, _ target: String, headers: [(String, String)], body: String = "")
        async -> HTTPResponse
    {
        var fields = HTTPHeaders([("Host", "127.0.0.1:8080")])
        for (name, value) in headers { fields.add(name, value) }
        return await handler(
            HTTPRequest(method: method, target: target, headers: fields, body: Array(body.utf8)))
    }

    @Test("a fault posted as text/plain is refused with 415 and not registered")
    func textPlainFault() async throws {
        let response = await send(
            "POST", "/__admin/faults", headers: [("Content-Type", "text/plain")], body: #"{"status":500}"#)
        #expect(response.status == 415)
        #expect(environment.faults.list(namespace: "default").isEmpty)
    }

    @Test("a form POST to reset is refused, with or without an Origin")
    func formReset() async {
        let form = [("Content-Type", "application/x-www-form-urlencoded")]
        #expect(await send("POST", "/__admin/reset", headers: form).status == 415)
        let crossSite = form + [("Origin", "https://evil.example")]
        #expect(await send("POST", "/__admin/reset", headers: crossSite).status == 403)
    }

    @Test("a JSON body without a Content-Type is refused; an empty POST without one passes")
    func missingContentType() async {
        #expect(await send("POST", "/__admin/faults", headers: [], body: #"{"status":500}"#).status == 415)
        #expect(await send("POST", "/__admin/reset", headers: []).status == 200)
        let json = [("Content-Type", "application/json; charset=utf-8")]
        #expect(await send("POST", "/__admin/faults", headers: json, body: #"{"status":500}"#).status == 201)
    }

    @Test("a foreign Origin or a cross-site fetch is refused with 403, even for GET")
    func foreignOrigin() async {
        for origin in ["https://evil.example", "http://127.0.0.1:9999", "null", "http://localhost:8080"] {
            let response = await send("GET", "/__admin/state", headers: [("Origin", origin)])
            #expect(response.status == 403, "\(origin)")
        }
        #expect(
            await send("GET", "/__admin/state", headers: [("Sec-Fetch-Site", "cross-site")]).status == 403)
        #expect(
            await send("GET", "/__admin/state", headers: [("Origin", "http://127.0.0.1:8080")]).status == 200)
    }

    @Test("the API routes are not affected by the admin rules")
    func apiUnaffected() async {
        let response = await send(
            "GET", "/v1/sessions",
            headers: [("Origin", "https://app.example"), ("Authorization", "Bearer sk_test_a")])
        #expect(response.status == 200)
    }

    @Test("with an admin token, every admin route needs it")
    func adminToken() async {
        let guarded = AdminTest.environment { $0.adminToken = "s3cret" }
        let handler = MockServer.makeHandler(environment: guarded)
        for (method, target) in [
            ("GET", "/__admin/health"), ("POST", "/__admin/reset"), ("GET", "/__admin/state"),
            ("GET", "/__admin/faults"), ("GET", "/__admin/requests"), ("GET", "/__admin/replies"),
        ] {
            let bare = await handler(HTTPRequest(method: method, target: target))
            #expect(bare.status == 401, "\(method) \(target)")
            #expect(bare.headers["WWW-Authenticate"]?.hasPrefix("Bearer") == true)
            let wrong = await handler(
                HTTPRequest(method: method, target: target, headers: ["Authorization": "Bearer nope"]))
            #expect(wrong.status == 401, "\(method) \(target)")
            let right = await handler(
                HTTPRequest(method: method, target: target, headers: ["Authorization": "Bearer s3cret"]))
            #expect(right.status == 200, "\(method) \(target)")
        }
    }
}
