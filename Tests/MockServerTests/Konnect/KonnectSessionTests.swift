import HTTPServer
import SessionsAPI
import Testing

@testable import MockServer

@Suite("Konnect GET, PATCH and DELETE /v1/sessions/:id")
struct KonnectSessionTests {
    let client = KonnectTestClient()

    @Test(
        "KON-GET-MESSAGES, KON-GET-SHAPE, KON-GET-MESSAGE-FIELDS, KON-GET-MODELS-USED, KON-GET-USER-NO-MODELS, KON-GET-MESSAGE-ORDER, KON-GET-MESSAGE-COUNT: GET returns every message in order; only assistant messages carry models_used"
    )
    func getMessagesInOrder() async throws {
        let first = try await client.chat("One", mode: "ensemble")
        _ = try await client.chat("Two", session: first.sessionID)
        _ = try await client.chat("Three", session: first.sessionID)
        let session = try await client.session(first.sessionID)
        #expect(session.messageCount == 6)
        #expect(
            session.messages.map(\.role) == ["user", "assistant", "user", "assistant", "user", "assistant"])
        #expect(session.messages.filter { $0.role == "user" }.map(\.content) == ["One", "Two", "Three"])
        for message in session.messages {
            if message.role == "assistant" {
                #expect(message.modelsUsed?.isEmpty == false)
            } else {
                #expect(message.modelsUsed == nil)
            }
        }
        #expect(session.messages.map(\.createdAt) == session.messages.map(\.createdAt).sorted())
        #expect(Set(session.messages.map(\.id)).count == 6)
    }

    @Test(
        "KON-GET-NOT-FOUND-404, KON-AUTH-OTHER-USER-404, KON-AUTH-OTHER-USER-HIDDEN: GET of an unknown, malformed or another key's session is 404"
    )
    func getUnknown() async throws {
        let theirs = try await client.chat("Private", key: KonnectTestClient.otherKey)
        for id in ["sess_000000000000000000000000", "nope", "%00", theirs.sessionID] {
            let response = await client.send("GET", "/v1/sessions/\(id)")
            #expect(response.status == 404, "\(id)")
            #expect(try response.error().code == "not_found")
        }
    }

    @Test(
        "KON-PATCH-TITLE, KON-PATCH-RESPONSE-SHAPE, KON-PATCH-STATUS-200, KON-PATCH-UPDATED-AT, KON-PATCH-CREATED-AT-UNCHANGED, KON-PATCH-MESSAGE-COUNT-UNCHANGED, KON-PATCH-PERSISTS: PATCH sets the title; updated_at moves; created_at and message_count stay"
    )
    func patchTitle() async throws {
        let reply = try await client.chat("Quantum computing?")
        let before = try await client.session(reply.sessionID)
        let response = await client.send(
            "PATCH", "/v1/sessions/\(reply.sessionID)", json: #"{"title":"Updated Session Title"}"#)
        #expect(response.status == 200)
        let summary = try response.decode(KonnectSessionSummary.self)
        #expect(summary.id == reply.sessionID)
        #expect(summary.title == "Updated Session Title")
        #expect(summary.mode == before.mode)
        #expect(summary.messageCount == before.messageCount)
        #expect(summary.createdAt == before.createdAt)
        #expect(summary.updatedAt > before.updatedAt)
        let after = try await client.session(reply.sessionID)
        #expect(after.title == "Updated Session Title")
        #expect(after.messages == before.messages)
        #expect(after.updatedAt == summary.updatedAt)
        #expect(try await client.list().data.first?.title == "Updated Session Title")
    }

    @Test("KON-PATCH-UPDATED-AT: PATCH never moves updated_at backwards")
    func patchUpdatedAtNeverBackwards() async throws {
        var stuck = KonnectUserSessions()
        let clock = MockClock(ClockSpec(start: 100, tick: 0))
        let sources = KonnectTurnSources(
            ids: IDGenerator(seed: 1), clock: MockClock(ClockSpec(start: 500)), seed: 1,
            replies: ScriptedReplyStore(), namespace: "default")
        let created = stuck.chat(KonnectTurn(message: "hi", sessionID: nil, mode: nil), sources: sources)
        let reply = try #require(created)
        let result = stuck.rename(reply.sessionID, to: "New", clock: clock)
        let renamed = try #require(result)
        #expect(renamed.updatedAt == Timestamp.format(501))
    }

    @Test(
        "KON-PATCH-UNKNOWN-FIELD-400, KON-PATCH-TITLE-TYPE-400, KON-PATCH-TITLE-BLANK-400, KON-PATCH-TITLE-MISSING-400, KON-PATCH-REJECTED-NO-CHANGE: PATCH bodies other than exactly a non-empty title get 400 naming the field, and change nothing",
        arguments: [
            (#"{}"#, "title"), (#"{"title":""}"#, "title"), (#"{"title":"  \t"}"#, "title"),
            (#"{"title":null}"#, "title"), (#"{"title":5}"#, "title"), (#"{"title":{"text":"x"}}"#, "title"),
            (#"{"title":"ok","mode":"ensemble"}"#, "mode"), (#"{"message_count":0}"#, "message_count"),
            (#"{"title":"ok","id":"sess_x"}"#, "id"),
        ])
    func patchRejects(body: String, param: String) async throws {
        let reply = try await client.chat("Untouched")
        let before = try await client.session(reply.sessionID)
        let response = await client.send("PATCH", "/v1/sessions/\(reply.sessionID)", json: body)
        #expect(response.status == 400, "\(body) → \(response.text)")
        #expect(try response.error().param == param)
        #expect(try await client.session(reply.sessionID) == before)
    }

    @Test(
        "KON-PATCH-NOT-FOUND-404, KON-AUTH-OTHER-USER-404: PATCH of an unknown or another key's session is 404 and changes nothing"
    )
    func patchUnknown() async throws {
        let theirs = try await client.chat("Theirs", key: KonnectTestClient.otherKey)
        let before = try await client.session(theirs.sessionID, key: KonnectTestClient.otherKey)
        for id in ["sess_000000000000000000000000", theirs.sessionID] {
            let response = await client.send("PATCH", "/v1/sessions/\(id)", json: #"{"title":"Mine now"}"#)
            #expect(response.status == 404)
        }
        #expect(try await client.session(theirs.sessionID, key: KonnectTestClient.otherKey) == before)
    }

    @Test(
        "KON-DELETE-RESPONSE, KON-DELETE-STATUS-200, KON-DELETE-REMOVES, KON-DELETE-THEN-404, KON-DELETE-UNLISTED: DELETE answers the deletion object; then GET, PATCH, DELETE and chat get 404"
    )
    func deleteThen404() async throws {
        let reply = try await client.chat("Delete me")
        let keep = try await client.chat("Keep me")
        #expect(try await client.list().total == 2)
        let doomedMessages = try await client.session(reply.sessionID).messages.map(\.id)
        let response = await client.send("DELETE", "/v1/sessions/\(reply.sessionID)")
        #expect(response.status == 200)
        let deleted = try response.decode(KonnectDeletedSession.self)
        #expect(deleted == KonnectDeletedSession(id: reply.sessionID))
        #expect(response.text == #"{"deleted":true,"id":"\#(reply.sessionID)","object":"session.deleted"}"#)

        let path = "/v1/sessions/\(reply.sessionID)"
        #expect(await client.send("GET", path).status == 404)
        #expect(await client.send("PATCH", path, json: #"{"title":"Back"}"#).status == 404)
        #expect(await client.send("DELETE", path).status == 404)
        let chat = await client.send(
            "POST", "/v1/chat", json: #"{"message":"Again","session_id":"\#(reply.sessionID)"}"#)
        #expect(chat.status == 404)

        let list = try await client.list()
        #expect(list.data.map(\.id) == [keep.sessionID])
        let stored = String(
            decoding: WireJSON.encode(client.environment.konnect.exportSnapshot()), as: UTF8.self)
        #expect(!stored.contains(reply.sessionID))
        #expect(doomedMessages.allSatisfy { !stored.contains($0) })
        #expect(list.total == 1)
    }

    @Test("KON-AUTH-OTHER-USER-404: DELETE of another key's session is 404 and the session survives")
    func deleteOthers() async throws {
        let theirs = try await client.chat("Theirs", key: KonnectTestClient.otherKey)
        #expect(await client.send("DELETE", "/v1/sessions/\(theirs.sessionID)").status == 404)
        _ = try await client.session(theirs.sessionID, key: KonnectTestClient.otherKey)
    }

    @Test("namespaces keep the same key's sessions apart")
    func namespaces() async throws {
        let a = try await client.chat("In A", namespace: "a")
        _ = try await client.chat("In B", namespace: "b")
        #expect(await client.send("GET", "/v1/sessions/\(a.sessionID)", namespace: "a").status == 200)
        #expect(await client.send("GET", "/v1/sessions/\(a.sessionID)", namespace: "b").status == 404)
        #expect(await client.send("GET", "/v1/sessions/\(a.sessionID)").status == 404)
        let listB = try await client.send("GET", "/v1/sessions", namespace: "b").decode(
            KonnectSessionList.self)
        #expect(listB.data.map(\.title) == ["In B"])
    }

    @Test("KON-ERROR-METHOD-405: unsupported methods get 405 with Allow, in Konnect's envelope")
    func methodNotAllowed() async throws {
        let response = await client.send("PUT", "/v1/sessions/sess_x", json: "{}")
        #expect(response.status == 405)
        #expect(response.headers["Allow"]?.contains("PATCH") == true)
        #expect(try response.error().status == 405)
    }
}
