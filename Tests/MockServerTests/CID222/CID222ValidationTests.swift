import HTTPServer
import SessionsAPI
import Testing

@testable import MockServer

@Suite("CID222 message validation: 400 naming the field, a JSON error, nothing stored")
struct CID222ValidationTests {
    let client = CID222TestClient()

    struct Case: Sendable, CustomTestStringConvertible {
        var body: String
        var field: String
        var testDescription: String { body }
    }

    static let badBodies: [Case] = [
        Case(body: #"{"model":"gpt-4o"}"#, field: "content"),
        Case(body: #"{"content":null,"model":"gpt-4o"}"#, field: "content"),
        Case(body: #"{"content":"","model":"gpt-4o"}"#, field: "content"),
        Case(body: #"{"content":5,"model":"gpt-4o"}"#, field: "content"),
        Case(body: #"{"content":["hi"],"model":"gpt-4o"}"#, field: "content"),
        Case(body: #"{"content":"hi"}"#, field: "model"),
        Case(body: #"{"content":"hi","model":7}"#, field: "model"),
        Case(body: #"{"content":"hi","model":"gpt-4o","provider":"aws"}"#, field: "provider"),
        Case(body: #"{"content":"hi","model":"gpt-4o","provider":1}"#, field: "provider"),
        Case(body: #"{"content":"hi","model":"gpt-4o","temperature":2.01}"#, field: "temperature"),
        Case(body: #"{"content":"hi","model":"gpt-4o","temperature":-0.1}"#, field: "temperature"),
        Case(body: #"{"content":"hi","model":"gpt-4o","temperature":"1"}"#, field: "temperature"),
        Case(body: #"{"content":"hi","model":"gpt-4o","top_p":1.5}"#, field: "top_p"),
        Case(body: #"{"content":"hi","model":"gpt-4o","top_p":true}"#, field: "top_p"),
        Case(body: #"{"content":"hi","model":"gpt-4o","max_tokens":0}"#, field: "max_tokens"),
        Case(body: #"{"content":"hi","model":"gpt-4o","max_tokens":-3}"#, field: "max_tokens"),
        Case(body: #"{"content":"hi","model":"gpt-4o","max_tokens":2.5}"#, field: "max_tokens"),
        Case(body: #"{"content":"hi","model":"gpt-4o","max_tokens":"10"}"#, field: "max_tokens"),
        Case(body: #"{"content":"hi","model":"gpt-4o","imageBase64":"not base64!"}"#, field: "imageBase64"),
        Case(body: #"{"content":"hi","model":"gpt-4o","imageBase64":"QUJD="}"#, field: "imageBase64"),
        Case(body: #"{"content":"hi","model":"gpt-4o","imageBase64":""}"#, field: "imageBase64"),
        Case(
            body: #"{"content":"hi","model":"gpt-4o","imageBase64":"data:text/plain;base64,QUJD"}"#,
            field: "imageBase64"),
        Case(body: #"{"content":"hi","model":"gpt-4o","imageBase64":12}"#, field: "imageBase64"),
    ]

    @Test(
        "CID-VALIDATION-STATUS-400 CID-VALIDATION-NOTHING-STORED CID-VALIDATION-CONTENT-REQUIRED CID-VALIDATION-CONTENT-STRING CID-VALIDATION-MODEL-REQUIRED CID-VALIDATION-PROVIDER-ENUM CID-VALIDATION-SAMPLING-NUMBERS CID-VALIDATION-TEMPERATURE-RANGE CID-VALIDATION-TOP-P-RANGE CID-VALIDATION-MAX-TOKENS-INTEGER CID-VALIDATION-IMAGE-BASE64: each invalid field answers 400 naming it; nothing is stored",
        arguments: badBodies)
    func badField(_ bad: Case) async throws {
        let session = try await client.createSession()
        let response = await client.request("POST", "/sessions/\(session.id)/messages", body: bad.body)
        #expect(response.status == 400)
        #expect(!response.streamed)
        #expect(response.headers["Content-Type"] == "application/json")
        let error = try #require(response.error)
        #expect(error.statusCode == 400)
        #expect(error.error == "Bad Request")
        #expect(error.details?["field"] == bad.field)
        #expect(error.message.contains(bad.field))
        let detail = try await client.detail(session.id)
        #expect(detail.context.isEmpty)
        #expect(detail.session == session)
    }

    @Test("With --strict-models an unknown model's 400 names the model")
    func unknownModelUnderStrictModels() async throws {
        var options = CID222TestClient.defaultOptions()
        options.models.strict = true
        let strict = CID222TestClient(options: options)
        let session = try await strict.createSession()
        let response = await strict.send(session.id, content: "hi", model: "gpt-5-ultra")
        #expect(response.status == 400)
        #expect(response.error?.details?["field"] == "model")
        #expect(response.error?.message.contains("gpt-5-ultra") == true)
        #expect(try await strict.detail(session.id).context.isEmpty)
    }

    @Test("valid images: plain base64 and a data URL prefix")
    func validImages() {
        #expect(CID222MessageRequest.isValidImage("QUJD"))
        #expect(CID222MessageRequest.isValidImage("data:image/png;base64,iVBORw0KGgo="))
        #expect(!CID222MessageRequest.isValidImage("data:image/png;base64,"))
        #expect(!CID222MessageRequest.isValidImage("data:image/png,QUJD"))
        #expect(!CID222MessageRequest.isValidImage("QUJ"))
    }

    @Test(
        "CID-ERROR-MALFORMED-JSON-400: malformed, truncated, non-object and empty bodies answer 400; nothing stored"
    )
    func malformedBodies() async throws {
        let session = try await client.createSession()
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        for body in [
            "", "   ", "{", #"{"content":"hi","model":"gpt-4o""#, "[1,2]", "\"text\"", "null", "{'a':1}",
            deep, #"{"content":"hi","model":"gpt-4o",}"#, "[1,]", #"{"a":01}"#,
        ] {
            let response = await client.request("POST", "/sessions/\(session.id)/messages", body: body)
            #expect(response.status == 400, "\(body.prefix(20))")
            #expect(response.error?.statusCode == 400)
        }
        #expect(try await client.detail(session.id).context.isEmpty)
        let create = await client.request("POST", "/sessions", body: "{")
        #expect(create.status == 400)
    }

    @Test("CID-ERROR-MALFORMED-JSON-400: a repeated member name answers 400; nothing stored")
    func duplicateKey() async throws {
        let session = try await client.createSession()
        let body = #"{"content":"hi","model":"gpt-4o","content":"bye"}"#
        let response = await client.request("POST", "/sessions/\(session.id)/messages", body: body)
        #expect(response.status == 400)
        #expect(response.error?.message == "Request body is not valid JSON")
        #expect(try await client.detail(session.id).context.isEmpty)
        let create = await client.request(
            "POST", "/sessions", body: #"{"session_name":"a","session_name":"b"}"#)
        #expect(create.status == 400)
    }

    @Test(
        "CID-ERROR-MEDIA-TYPE-415: a non-JSON Content-Type answers 415; an absent one with a JSON body is accepted"
    )
    func contentType() async throws {
        let session = try await client.createSession()
        let body = #"{"content":"hi","model":"gpt-4o"}"#
        let textPlain = await client.request(
            "POST", "/sessions/\(session.id)/messages", body: body, headers: [("Content-Type", "text/plain")])
        #expect(textPlain.status == 415)
        #expect(textPlain.error?.error == "Unsupported Media Type")
        let createForm = await client.request(
            "POST", "/sessions", body: "a=b", headers: [("Content-Type", "application/x-www-form-urlencoded")]
        )
        #expect(createForm.status == 415)
        let withCharset = await client.request(
            "POST", "/sessions", body: "{}", headers: [("Content-Type", "application/json; charset=utf-8")])
        #expect(withCharset.status == 201)
        let request = HTTPRequestFactory.make(
            "POST", "/sessions/\(session.id)/messages", body: body, token: CID222TestClient.token())
        let response = await client.handler(request)
        #expect(response.status == 200)
        guard let produce = response.body.streamBody else {
            Issue.record("expected a stream")
            return
        }
        try await produce(RecordingSink().writer)
        #expect(try await client.detail(session.id).context.count == 2)
    }

    @Test(
        "CID-ERROR-TOO-LARGE-413 CID-ERROR-REJECTED-NO-CHANGE: a body over the size limit answers 413 and stores nothing"
    )
    func tooLarge() async throws {
        var options = CID222TestClient.defaultOptions()
        options.maxBodySize = 64
        let small = CID222TestClient(options: options)
        let session = try await small.createSession()
        let response = await small.send(session.id, content: String(repeating: "x", count: 100))
        #expect(response.status == 413)
        #expect(response.error?.statusCode == 413)
        #expect(try await small.detail(session.id).context.isEmpty)
        let create = await small.request(
            "POST", "/sessions", body: #"{"session_name":"\#(String(repeating: "n", count: 80))"}"#)
        #expect(create.status == 413)
    }
}

/// Builds a request without any Content-Type header.
enum HTTPRequestFactory {
    static func make(_ method: String, _ path: String, body: String, token: String) -> HTTPRequest {
        var headers = HTTPHeaders()
        headers.set("Authorization", "Bearer \(token)")
        return HTTPRequest(method: method, target: path, headers: headers, body: Array(body.utf8))
    }
}
