import HTTPServer
import SessionsAPI
import Testing

@testable import MockServer

@Suite("Konnect request bodies: media type, size and JSON")
struct KonnectBodyTests {
    let client = KonnectTestClient()

    /// Sends `body` to both body-carrying routes; the PATCH goes to a real session.
    func sendToBoth(_ body: [UInt8], headers: [(String, String)]) async throws -> [KonnectTestResponse] {
        let session = try await client.chat("Existing").sessionID
        let before = client.environment.konnect.exportSnapshot()
        let chat = await client.send("POST", "/v1/chat", body: body, headers: headers)
        let patch = await client.send("PATCH", "/v1/sessions/\(session)", body: body, headers: headers)
        #expect(client.environment.konnect.exportSnapshot() == before, "a rejected request changed the store")
        return [chat, patch]
    }

    @Test(
        "KON-ERROR-MEDIA-TYPE-415, KON-ERROR-REJECTED-NO-CHANGE: a non-JSON Content-Type gets 415",
        arguments: [
            "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "json",
        ])
    func unsupportedMediaType(contentType: String) async throws {
        for response in try await sendToBoth(
            Array(#"{"message":"hi","title":"t"}"#.utf8), headers: [("Content-Type", contentType)])
        {
            #expect(response.status == 415)
            #expect(try response.error().code == "unsupported_media_type")
        }
    }

    @Test(
        "KON-ERROR-MEDIA-TYPE-415: JSON media types with parameters or a +json suffix, or no Content-Type, are accepted"
    )
    func acceptedMediaTypes() async throws {
        for headers in [
            [("Content-Type", "application/json; charset=utf-8")], [("Content-Type", "APPLICATION/JSON")],
            [("Content-Type", "application/vnd.konnect+json")], [],
        ] {
            let response = await client.send(
                "POST", "/v1/chat", body: Array(#"{"message":"hi"}"#.utf8), headers: headers)
            #expect(response.status == 200, "\(headers)")
        }
    }

    @Test("KON-ERROR-TOO-LARGE-413: a body over the size limit gets 413 in Konnect's envelope")
    func tooLarge() async throws {
        var options = KonnectTestClient.options()
        options.maxBodySize = 64
        let small = KonnectTestClient(options: options)
        let body = Array((#"{"message":""# + String(repeating: "x", count: 100) + #""}"#).utf8)
        let response = await small.send(
            "POST", "/v1/chat", body: body, headers: [("Content-Type", "application/json")])
        #expect(response.status == 413)
        #expect(try response.error().code == "payload_too_large")
        let unauthenticated = await small.send("POST", "/v1/chat", key: nil, body: body)
        #expect(unauthenticated.status == 413)
        #expect(small.environment.konnect.exportSnapshot().sessionCount == 0)
    }

    @Test(
        "KON-ERROR-MALFORMED-JSON-400, KON-ERROR-REJECTED-NO-CHANGE: malformed, truncated and non-object JSON gets 400 and changes nothing",
        arguments: [
            "", "{", #"{"message":"hi""#, "nul", "[]", #""just a string""#, "42", "null",
            #"{"message":'hi'}"#, #"{message:"hi"}"#, #"{"message":"hi"} trailing"#, "\u{FEFF}",
            #"{"a":"\q"}"#,
        ])
    func malformedJSON(text: String) async throws {
        for response in try await sendToBoth(
            Array(text.utf8), headers: [("Content-Type", "application/json")])
        {
            #expect(response.status == 400, "\(text) → \(response.text)")
            #expect(try response.error().code == "invalid_request")
        }
    }

    @Test("KON-ERROR-MALFORMED-JSON-400: a trailing comma is malformed JSON (RFC 8259 §4)")
    func trailingComma() async throws {
        for text in [#"{"message":"hi",}"#, #"{"message":"hi","x":[1,],"title":"t"}"#] {
            for response in try await sendToBoth(Array(text.utf8), headers: []) {
                #expect(response.status == 400, "\(text) → \(response.text)")
            }
        }
    }

    @Test("KON-ERROR-MALFORMED-JSON-400: a repeated member name is refused, not silently resolved")
    func duplicateKey() async throws {
        for text in [#"{"message":"hi","message":"bye"}"#, #"{"message":"hi","x":{"a":1,"a":2}}"#] {
            for response in try await sendToBoth(
                Array(text.utf8), headers: [("Content-Type", "application/json")])
            {
                #expect(response.status == 400, "\(text) → \(response.text)")
                #expect(try response.error().message == "Request body is not valid JSON")
            }
        }
    }

    @Test("hostile bodies (invalid UTF-8, deep nesting, lone surrogates) are refused or read without a crash")
    func hostileBodies() async throws {
        let deep = Array(repeating: UInt8(ascii: "["), count: 100_000)
        let deepObject = Array(
            (#"{"message":"hi","x":"# + String(repeating: "[", count: 50_000)
                + String(repeating: "]", count: 50_000) + "}").utf8)
        let bodies: [[UInt8]] = [
            [0xFF, 0xFE, 0x00], Array(#"{"message":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8), deep,
            Array(#"{"message":"\ud800"}"#.utf8),
        ]
        for body in bodies {
            let response = await client.send(
                "POST", "/v1/chat", body: body, headers: [("Content-Type", "application/json")])
            #expect([200, 400].contains(response.status), "\(response.status) \(response.text)")
        }
        let nested = await client.send(
            "POST", "/v1/chat", body: deepObject, headers: [("Content-Type", "application/json")])
        #expect([200, 400].contains(nested.status))
    }

    @Test("duplicate and many unknown fields do not break chat")
    func manyFields() async throws {
        let extras = (0..<2000).map { #""f\#($0)":\#($0)"# }.joined(separator: ",")
        let response = await client.send("POST", "/v1/chat", json: #"{"message":"hi",\#(extras)}"#)
        #expect(response.status == 200)
    }
}
