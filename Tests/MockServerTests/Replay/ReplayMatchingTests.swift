import HTTPServer
import Testing

@testable import MockServer

@Suite struct ReplayMatchingTests {
    private let chat = ReplayFixture.transcript(
        "chat",
        [
            ReplayFixture.exchange(
                step: "start", method: "POST", target: "/v1/chat",
                requestHeaders: #"[{"name":"Authorization","value":"Bearer $SESSIONS_API_KEY"}]"#,
                requestBody: #"{"message":"hi","mode":"smart_chat"}"#, status: 200, body: #"{"n":1}"#),
            ReplayFixture.exchange(
                step: "again", method: "POST", target: "/v1/chat",
                requestHeaders: #"[{"name":"Authorization","value":"Bearer $SESSIONS_API_KEY"}]"#,
                requestBody: #"{"message":"hi","mode":"smart_chat"}"#, status: 200, body: #"{"n":2}"#),
            ReplayFixture.exchange(
                step: "list", method: "GET", target: "/v1/sessions?limit=5&offset=0", status: 200,
                body: #"{"n":3}"#),
            ReplayFixture.exchange(
                step: "no key", method: "GET", target: "/v1/sessions/sess_1", status: 401, body: #"{"n":4}"#),
            ReplayFixture.exchange(
                step: "with key", method: "GET", target: "/v1/sessions/sess_1",
                requestHeaders: #"[{"name":"Authorization","value":"Bearer $SESSIONS_API_KEY"}]"#,
                status: 200,
                responseHeaders:
                    #"[{"name":"Content-Type","value":"application/json"},{"name":"Content-Length","value":"7"},{"name":"Date","value":"x"},{"name":"X-Trace","value":"t1"}]"#,
                body: #"{"n":5}"#),
        ])

    @Test func identicalRequestsGetSuccessiveRecordedAnswersThenTheLastRepeats() async throws {
        let handler = try ReplayFixture.handler([chat])
        // Key order, spacing and the real credential do not matter.
        let body = #"{ "mode": "smart_chat", "message": "hi" }"#
        let auth = [("Authorization", "Bearer sk_test_live_user")]
        #expect(await handler(request("POST", "/v1/chat", body: body, headers: auth)).text == #"{"n":1}"#)
        #expect(await handler(request("POST", "/v1/chat", body: body, headers: auth)).text == #"{"n":2}"#)
        #expect(await handler(request("POST", "/v1/chat", body: body, headers: auth)).text == #"{"n":2}"#)
    }

    @Test func queryItemsMatchInAnyOrder() async throws {
        let handler = try ReplayFixture.handler([chat])
        let response = await handler(request("GET", "/v1/sessions?offset=0&limit=5"))
        #expect(response.status == 200)
        #expect(response.text == #"{"n":3}"#)
    }

    @Test func credentialPresenceBreaksTiesBetweenEqualRequests() async throws {
        let handler = try ReplayFixture.handler([chat])
        let withKey = await handler(
            request("GET", "/v1/sessions/sess_1", headers: [("Authorization", "Bearer k")]))
        #expect(withKey.status == 200)
        let without = await handler(request("GET", "/v1/sessions/sess_1"))
        #expect(without.status == 401)
    }

    @Test func recordedHeadersAreReplayedExceptFramingAndDate() async throws {
        let handler = try ReplayFixture.handler([chat])
        let response = await handler(
            request("GET", "/v1/sessions/sess_1", headers: [("Authorization", "Bearer k")]))
        #expect(response.headers["X-Trace"] == "t1")
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(response.headers["Content-Length"] == nil)
        #expect(response.headers["Date"] == nil)
    }

    @Test func anUnmatchedRequestGets404NamingTheClosestRecordedRequest() async throws {
        let handler = try ReplayFixture.handler([chat])
        let response = await handler(
            request("POST", "/v1/chat", body: #"{"message":"bye","mode":"smart_chat"}"#))
        #expect(response.status == 404)
        #expect(response.text.contains(#""code":"not_found""#))
        #expect(response.text.contains("No recorded exchange matches POST /v1/chat"))
        #expect(
            response.text.contains("closest recorded request: POST /v1/chat (t0.json, step \\\"start\\\")"))
        #expect(response.text.contains("body differs at /message"))

        let path = await handler(request("GET", "/v1/sessions/sess_2"))
        #expect(path.status == 404)
        #expect(path.text.contains("path segment 3 'sess_2' was recorded as 'sess_1'"))

        let method = await handler(request("DELETE", "/v1/chat"))
        #expect(method.text.contains("method DELETE was recorded as POST"))
    }

    @Test func cid222PathsGetTheCID222Envelope() async throws {
        let handler = try ReplayFixture.handler([chat])
        let response = await handler(request("GET", "/sessions"))
        #expect(response.status == 404)
        #expect(response.text.contains(#""statusCode":404"#))
    }

    @Test func namespacesReplayIndependentlyAndResetStartsOver() async throws {
        let handler = try ReplayFixture.handler([chat])
        let body = #"{"message":"hi","mode":"smart_chat"}"#
        let a = [("X-Mock-Namespace", "a")]
        let b = [("X-Mock-Namespace", "b")]
        #expect(await handler(request("POST", "/v1/chat", body: body, headers: a)).text == #"{"n":1}"#)
        #expect(await handler(request("POST", "/v1/chat", body: body, headers: b)).text == #"{"n":1}"#)
        #expect(await handler(request("POST", "/v1/chat", body: body, headers: a)).text == #"{"n":2}"#)
        let reset = await handler(request("POST", "/__admin/reset", headers: a))
        #expect(reset.status == 200)
        #expect(await handler(request("POST", "/v1/chat", body: body, headers: a)).text == #"{"n":1}"#)
        #expect(await handler(request("POST", "/v1/chat", body: body, headers: b)).text == #"{"n":2}"#)
    }

    @Test func adminRoutesStayLive() async throws {
        let handler = try ReplayFixture.handler([chat])
        #expect(await handler(request("GET", "/__admin/health")).status == 200)
    }

    @Test func summarizedLargeBodiesMatchBySize() async throws {
        let big = ReplayFixture.transcript(
            "big",
            [
                ReplayFixture.exchange(
                    step: "big", method: "POST", target: "/v1/chat", requestBody: "<20000 bytes>",
                    status: 413,
                    body: "{}")
            ])
        let handler = try ReplayFixture.handler([big])
        let text = String(repeating: "x", count: 20_000)
        #expect(await handler(request("POST", "/v1/chat", body: text)).status == 413)
        #expect(await handler(request("POST", "/v1/chat", body: text + "y")).status == 404)
    }

    @Test func aRecordedRequestWithoutAnswerResetsTheConnection() async throws {
        let broken = ReplayFixture.transcript(
            "cut",
            [
                #"{"step":"cut","iteration":0,"request":{"method":"GET","target":"/v1/sessions","headers":[]},"error":"connection broken"}"#
            ])
        let handler = try ReplayFixture.handler([broken])
        guard case .resetConnection = await handler(request("GET", "/v1/sessions")).body else {
            Issue.record("expected a reset connection")
            return
        }
    }

    @Test func pacingScalesRecordedOffsetsAndIgnoresHostileOnes() {
        #expect(ReplayPacing(offsets: [0, 100], speed: 2).delay(beforeChunk: 1) == .milliseconds(50))
        #expect(ReplayPacing(offsets: [0, 100], speed: nil).delay(beforeChunk: 1) == nil)
        #expect(ReplayPacing(offsets: nil, speed: 2).delay(beforeChunk: 0) == nil)
        #expect(ReplayPacing(offsets: [-5], speed: 1).delay(beforeChunk: 0) == nil)
        #expect(ReplayPacing(offsets: [Int.max], speed: 1).delay(beforeChunk: 0) == nil)
        #expect(ReplayPacing(offsets: [100], speed: 1).delay(beforeChunk: 3) == nil)
    }
}
