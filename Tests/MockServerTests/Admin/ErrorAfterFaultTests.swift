import HTTPServer
import JSONSchema
import SessionsAPI
import Testing

@testable import MockServer

/// `error_after`, in process, on the fake stream route (five numbered events, then `[DONE]`).
@Suite("error_after: a stream that fails midway with an error event")
struct ErrorAfterFaultTests {
    let environment = AdminTest.environment()
    var handler: HTTPHandler { AdminTest.handler(environment) }

    static func frame(_ data: String) -> String { "data: \(data)\n\n" }
    static let defaultError =
        #"{"error":{"message":"The upstream model failed midway through the reply (injected fault); "#
        + #"this turn was not stored","type":"upstream_error"},"type":"error"}"#

    func send(fault: String, path: String = "/sessions/s1/messages") async -> (
        text: String, error: (any Error)?
    ) {
        let response = await handler(
            AdminTest.request("POST", path, headers: [("X-Mock-Fault", fault)], body: "{}"))
        let (bytes, error) = await AdminTest.collect(response)
        return (String(decoding: bytes, as: UTF8.self), error)
    }

    @Test(
        "after N events come one error event with the default type and message, then [DONE], and a normal end"
    )
    func defaultError() async {
        let (text, error) = await send(fault: "error_after=2")
        #expect(
            text == Self.frame(#"{"n":1}"#) + Self.frame(#"{"n":2}"#) + Self.frame(Self.defaultError)
                + Self.frame("[DONE]"))
        #expect(error == nil)
    }

    @Test("error_after=0 fails before any event")
    func atStart() async {
        let (text, error) = await send(fault: "error_after=0")
        #expect(text == Self.frame(Self.defaultError) + Self.frame("[DONE]"))
        #expect(error == nil)
    }

    @Test("error_type and message replace the defaults")
    func customTypeAndMessage() async {
        let (text, _) = await send(fault: "error_after=1;error_type=overloaded_error;message=try again later")
        #expect(
            text == Self.frame(#"{"n":1}"#)
                + Self.frame(
                    #"{"error":{"message":"try again later","type":"overloaded_error"},"type":"error"}"#)
                + Self.frame("[DONE]"))
    }

    @Test("a count beyond a stream without message_stop changes nothing")
    func beyondEnd() async {
        let (text, error) = await send(fault: "error_after=99")
        #expect(text == AdminTest.streamBody)
        #expect(error == nil)
    }

    @Test("a whole body, a Konnect path and an error answer are left as they are")
    func otherResponses() async throws {
        let konnect = await handler(
            AdminTest.request("POST", "/v1/chat", headers: [("X-Mock-Fault", "error_after=0")], body: "{}"))
        #expect(await AdminTest.text(konnect) == AdminTest.jsonBody)
        let list = await handler(
            AdminTest.request("GET", "/sessions", headers: [("X-Mock-Fault", "error_after=0")]))
        #expect(await AdminTest.text(list) == "[]")
        let missing = await handler(
            AdminTest.request("GET", "/sessions/nope/none", headers: [("X-Mock-Fault", "error_after=0")]))
        #expect(missing.status == 404)
        #expect(!(await AdminTest.text(missing)).contains("upstream_error"))
    }

    @Test("an event split over writes is sent whole before the error, never cut by it")
    func splitWrites() async {
        let body: @Sendable (HTTPBodyWriter) async throws -> Void = { writer in
            try await writer.write("data: {\"n\":1}\n\ndata: {\"n")
            try await writer.write("\":2}\n")
            try await writer.write("\ndata: {\"n\":3}\n\n")
        }
        var action = FaultAction()
        action.errorAfterEvents = 1
        let sink = ByteSink()
        var thrown: (any Error)?
        do {
            try await StreamFaultWriter.wrap(body, action: action)(HTTPBodyWriter { sink.append($0) })
        } catch {
            thrown = error
        }
        #expect(
            String(decoding: sink.bytes, as: UTF8.self)
                == Self.frame(#"{"n":1}"#) + Self.frame(Self.defaultError) + Self.frame("[DONE]"))
        #expect(thrown as? InjectedStreamError == InjectedStreamError(afterEvents: 1))
    }

    @Test("message_stop is replaced by the error even when fewer events than N came before it")
    func replacesMessageStop() async {
        let body: @Sendable (HTTPBodyWriter) async throws -> Void = { writer in
            try await writer.write(#"data: {"type":"content_block_delta"}"# + "\n\n")
            try await writer.write(#"data: {"stop_reason":"end_turn","type":"message_stop"}"# + "\n\n")
            try await writer.write("data: [DONE]\n\n")
        }
        var action = FaultAction()
        action.errorAfterEvents = 1_000
        let sink = ByteSink()
        await #expect(throws: InjectedStreamError(afterEvents: 1)) {
            try await StreamFaultWriter.wrap(body, action: action)(HTTPBodyWriter { sink.append($0) })
        }
        let text = String(decoding: sink.bytes, as: UTF8.self)
        #expect(!text.contains("message_stop"))
        #expect(text.hasSuffix(Self.frame(Self.defaultError) + Self.frame("[DONE]")))
    }

    @Test(
        "the journal marks the request error, with the events sent and the fault; the entry fits the schema")
    func journal() async throws {
        _ = await send(fault: "error_after=2;error_type=overloaded_error")
        let journal = try await AdminTest.json(await handler(AdminTest.request("GET", "/__admin/requests")))
        let entry = try #require(journal["data"]?[0])
        #expect(entry["outcome"]?.string == "error")
        #expect(entry["status"]?.int == 200)
        let events = entry["response"]?["events"]?.array?.compactMap(\.string) ?? []
        #expect(events.count == 4)
        #expect(events.last == "[DONE]")
        #expect(events.dropLast().last?.contains(#""type":"overloaded_error""#) == true)
        #expect(entry["fault"]?["error_after"]?.int == 2)
        #expect(entry["fault"]?["error_type"]?.string == "overloaded_error")
        let schemaErrors = try AdminSchemaValidationTests.document().validate(
            journal, schemaAt: "/components/schemas/JournalList")
        #expect(schemaErrors.isEmpty, "\(schemaErrors)")
    }

    @Test("a registered error_after applies to its next request only, and is listed as the schema says")
    func registered() async throws {
        let created = await handler(
            AdminTest.request(
                "POST", "/__admin/faults",
                body:
                    #"{"api":"cid222","path":"/sessions/*/messages","error_after":3,"message":"boom","times":1}"#
            ))
        #expect(created.status == 201)
        let rule = try await AdminTest.json(created)
        #expect(rule["error_after"]?.int == 3)
        let schemaErrors = try AdminSchemaValidationTests.document().validate(
            rule, schemaAt: "/components/schemas/Fault")
        #expect(schemaErrors.isEmpty, "\(schemaErrors)")
        let first = await AdminTest.text(
            await handler(AdminTest.request("POST", "/sessions/s1/messages", body: "{}")))
        #expect(first.contains(#""message":"boom""#))
        #expect(!first.contains(#"{"n":4}"#))
        let second = await AdminTest.text(
            await handler(AdminTest.request("POST", "/sessions/s1/messages", body: "{}")))
        #expect(second == AdminTest.streamBody)
    }
}
