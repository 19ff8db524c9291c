import SessionsAPI
import Testing

@testable import MockServer

@Suite("Konnect with the admin routes")
struct KonnectAdminTests {
    let client = KonnectTestClient()

    @Test("a scripted reply for konnect replaces the words of matching turns, and only those")
    func scriptedReply() async throws {
        let script = await client.send(
            "POST", "/__admin/replies", key: nil,
            json: #"{"api":"konnect","pattern":"weather","reply":"It is sunny.","times":1}"#)
        #expect(script.status == 201, "\(script.text)")

        let scripted = try await client.chat("What is the weather?", mode: "debate")
        #expect(scripted.content == "It is sunny.")
        #expect(scripted.modelsUsed.count == 2)
        #expect(try await client.session(scripted.sessionID).messages.last?.content == "It is sunny.")

        let again = try await client.chat("And the weather tomorrow?")
        #expect(again.content != "It is sunny.")
        let unrelated = try await client.chat("Something else")
        #expect(unrelated.content != "It is sunny.")
    }

    @Test("a scripted reply is not used up by a turn refused for an unknown session")
    func scriptedReplyKeptOnRefusal() async throws {
        _ = await client.send(
            "POST", "/__admin/replies", key: nil, json: #"{"api":"konnect","reply":"Scripted.","times":1}"#)
        let refused = await client.send(
            "POST", "/v1/chat", json: #"{"message":"hi","session_id":"sess_000000000000000000000000"}"#)
        #expect(refused.status == 404)
        #expect(try await client.chat("hi").content == "Scripted.")
    }

    @Test("POST /__admin/reset forgets Konnect sessions of the named namespace only")
    func adminReset() async throws {
        _ = try await client.chat("Default namespace")
        _ = try await client.chat("Scoped", namespace: "ns")
        let reset = await client.send("POST", "/__admin/reset?namespace=ns", key: nil)
        #expect(reset.status == 200)
        #expect(await client.send("GET", "/v1/sessions", namespace: "ns").text.contains(#""total":0"#))
        #expect(try await client.list().total == 1)
        #expect(await client.send("POST", "/__admin/reset", key: nil).status == 200)
        #expect(try await client.list().total == 0)
    }
}
