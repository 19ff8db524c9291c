import SessionsAPI
import Testing

@testable import MockServer

@Suite("Konnect POST /v1/chat")
struct KonnectChatTests {
    let client = KonnectTestClient()

    @Test(
        "KON-CHAT-CREATES-SESSION, KON-CHAT-RESPONSE-SHAPE, KON-CHAT-REPLY-STORED, KON-CHAT-DEFAULT-MODE: a chat without session_id creates a smart_chat session holding both messages"
    )
    func chatCreatesSession() async throws {
        let reply = try await client.chat("What is quantum computing?")
        #expect(reply.object == "chat.message")
        #expect(reply.role == "assistant")
        #expect(reply.mode == "smart_chat")
        #expect(reply.modelsUsed.count == 1)
        #expect(!reply.content.isEmpty)
        #expect(reply.sessionID.hasPrefix("sess_") && reply.sessionID.count == 5 + 24)
        #expect(reply.id.hasPrefix("msg_") && reply.id.count == 4 + 24)

        let session = try await client.session(reply.sessionID)
        #expect(session.title == "What is quantum computing?")
        #expect(session.mode == "smart_chat")
        #expect(session.messageCount == 2)
        #expect(session.messages.map(\.role) == ["user", "assistant"])
        #expect(session.messages[0].content == "What is quantum computing?")
        #expect(session.messages[0].modelsUsed == nil)
        #expect(session.messages[1].id == reply.id)
        #expect(session.messages[1].content == reply.content)
        #expect(session.messages[1].modelsUsed == reply.modelsUsed)
        #expect(session.messages[1].createdAt == reply.createdAt)
        #expect(session.createdAt == session.messages[0].createdAt)
        #expect(session.updatedAt == reply.createdAt)
    }

    @Test("KON-ID-PREFIXES: ids use the sess_ and msg_ prefixes with 24 base62 characters")
    func idShapes() async throws {
        let reply = try await client.chat("Hello")
        let session = try await client.session(reply.sessionID)
        let base62 = Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        for (id, prefix) in [(session.id, "sess_")] + session.messages.map({ ($0.id, "msg_") }) {
            #expect(id.hasPrefix(prefix))
            #expect(id.dropFirst(prefix.count).count == 24)
            #expect(id.dropFirst(prefix.count).allSatisfy(base62.contains))
        }
    }

    @Test("KON-TIME-FORMAT, KON-TIME-UTC-Z: every timestamp is RFC 3339 UTC with whole seconds and Z")
    func timestampFormat() async throws {
        let reply = try await client.chat("Time?")
        _ = await client.send("PATCH", "/v1/sessions/\(reply.sessionID)", json: #"{"title":"Later"}"#)
        let session = try await client.session(reply.sessionID)
        let summary = try #require(try await client.list().data.first)
        let stamps =
            [reply.createdAt, session.createdAt, session.updatedAt, summary.createdAt, summary.updatedAt]
            + session.messages.map(\.createdAt)
        for stamp in stamps {
            #expect(stamp.count == 20 && stamp.hasSuffix("Z"), "\(stamp)")
            let seconds = try #require(Timestamp.parse(stamp))
            #expect(Timestamp.format(seconds) == stamp)
        }
        #expect(session.createdAt == "2025-01-15T10:30:00Z")
    }

    @Test(
        "KON-CHAT-CONTINUE, KON-CHAT-APPENDS, KON-CHAT-UPDATED-AT: a chat with session_id continues that session: message_count += 2, updated_at moves"
    )
    func chatContinuesSession() async throws {
        let first = try await client.chat("Tell me about Swift.")
        let before = try await client.session(first.sessionID)
        let second = try await client.chat("Can you elaborate on that?", session: first.sessionID)
        #expect(second.sessionID == first.sessionID)
        let after = try await client.session(first.sessionID)
        #expect(after.messageCount == before.messageCount + 2)
        #expect(after.messages.count == 4)
        #expect(Array(after.messages.prefix(2)) == before.messages)
        #expect(after.messages[2].content == "Can you elaborate on that?")
        #expect(after.messages[3].id == second.id)
        #expect(after.createdAt == before.createdAt)
        #expect(after.title == before.title)
        #expect(after.updatedAt > before.updatedAt)
        let list = try await client.list()
        #expect(list.total == 1)
    }

    @Test(
        "KON-CHAT-MODELS-USED-COUNT, KON-CHAT-DEFAULT-MODE, KON-LIST-MODE-ENUM: each mode draws its number of distinct models from the documented pool"
    )
    func modesDrawModels() async throws {
        let expected: [String: ClosedRange<Int>] = [
            "smart_chat": 1...1, "ensemble": 2...5, "debate": 2...2, "council": 3...3,
        ]
        for (mode, range) in expected {
            for i in 0..<12 {
                let reply = try await client.chat("Compare approaches, take \(i)", mode: mode)
                #expect(reply.mode == mode)
                #expect(range.contains(reply.modelsUsed.count), "\(mode): \(reply.modelsUsed)")
                #expect(Set(reply.modelsUsed).count == reply.modelsUsed.count)
                #expect(reply.modelsUsed.allSatisfy(KonnectMode.modelPool.contains))
                let session = try await client.session(reply.sessionID)
                #expect(session.mode == mode)
            }
        }
        let listed = try await client.list("?limit=100")
        #expect(listed.total == 48)
        #expect(Set(listed.data.map(\.mode)) == Set(KonnectMode.allCases.map(\.rawValue)))
    }

    @Test(
        "KON-CHAT-MODELS-USED-COUNT: ensemble turns use more than two models somewhere, so the range is really drawn"
    )
    func ensembleVaries() async throws {
        var counts = Set<Int>()
        for i in 0..<40 {
            counts.insert(try await client.chat("Ensemble \(i)", mode: "ensemble").modelsUsed.count)
        }
        #expect(counts.count > 1)
    }

    @Test(
        "KON-CHAT-MODE-PER-TURN: a mode on an existing session runs the turn in it and leaves the session's mode"
    )
    func modeOverrideKeepsSessionMode() async throws {
        let first = try await client.chat("Start", mode: "debate")
        let turn = try await client.chat("Now together", session: first.sessionID, mode: "council")
        #expect(turn.mode == "council")
        #expect(turn.modelsUsed.count == 3)
        let plain = try await client.chat("And again", session: first.sessionID)
        #expect(plain.mode == "debate")
        #expect(try await client.session(first.sessionID).mode == "debate")
    }

    @Test("KON-CHAT-TITLE: the title collapses whitespace and cuts at 60 characters with an ellipsis")
    func titleFromFirstMessage() async throws {
        let spaced = try await client.chat("  Python \n\t best   practices  ")
        #expect(try await client.session(spaced.sessionID).title == "Python best practices")

        let exact = String(repeating: "a", count: 60)
        let exactReply = try await client.chat(exact)
        #expect(try await client.session(exactReply.sessionID).title == exact)

        let long = String(repeating: "é", count: 59) + "👩‍💻xyz"
        let longReply = try await client.chat(long)
        #expect(
            try await client.session(longReply.sessionID).title == String(repeating: "é", count: 59) + "👩‍💻…")

        let next = try await client.chat("A different question", session: spaced.sessionID)
        #expect(next.sessionID == spaced.sessionID)
        #expect(try await client.session(spaced.sessionID).title == "Python best practices")
    }

    @Test(
        "KON-VALIDATION-MESSAGE-REQUIRED, KON-CHAT-TITLE: a blank message is a non-empty string: it is answered and titles the session with nothing"
    )
    func blankMessage() async throws {
        let reply = try await client.chat(" \n\t ")
        let session = try await client.session(reply.sessionID)
        #expect(session.title == "")
        #expect(session.messages.map(\.content) == [" \n\t ", reply.content])
    }

    @Test(
        "KON-CHAT-UNKNOWN-SESSION-404, KON-ERROR-REJECTED-NO-CHANGE: an unknown session_id gets 404 naming session_id and creates nothing"
    )
    func unknownSession() async throws {
        let response = await client.send(
            "POST", "/v1/chat", json: #"{"message":"hi","session_id":"sess_000000000000000000000000"}"#)
        #expect(response.status == 404)
        let error = try response.error()
        #expect(error.status == 404)
        #expect(error.code == "not_found")
        #expect(error.param == "session_id")
        #expect(try await client.list().total == 0)
    }

    @Test(
        "KON-VALIDATION-UNKNOWN-FIELDS-IGNORED: unknown fields are ignored and null optional fields mean absent"
    )
    func lenientFields() async throws {
        let response = await client.send(
            "POST", "/v1/chat",
            json: #"{"message":"hi","stream":false,"extra":{"a":[1]},"session_id":null,"mode":null}"#)
        #expect(response.status == 200)
        let reply = try response.decode(KonnectChatMessage.self)
        #expect(reply.mode == "smart_chat")
    }

    @Test(
        "KON-VALIDATION-MESSAGE-REQUIRED, KON-VALIDATION-SESSION-ID-TYPE, KON-VALIDATION-MODE-ENUM, KON-ERROR-REJECTED-NO-CHANGE: bad chat bodies get 400 naming the field, and change nothing",
        arguments: [
            (#"{}"#, "message"),
            (#"{"message":""}"#, "message"),
            (#"{"message":null}"#, "message"),
            (#"{"message":42}"#, "message"),
            (#"{"message":["hi"]}"#, "message"),
            (#"{"message":"hi","session_id":7}"#, "session_id"),
            (#"{"message":"hi","mode":"solo"}"#, "mode"),
            (#"{"message":"hi","mode":"SMART_CHAT"}"#, "mode"),
            (#"{"message":"hi","mode":true}"#, "mode"),
        ])
    func badChatBodies(body: String, param: String) async throws {
        let response = await client.send("POST", "/v1/chat", json: body)
        #expect(response.status == 400, "\(body) → \(response.text)")
        let error = try response.error()
        #expect(error.status == 400)
        #expect(error.code == "invalid_request")
        #expect(error.param == param)
        #expect(client.environment.konnect.exportSnapshot().sessionCount == 0)
    }

    @Test("KON-ERROR-REJECTED-NO-CHANGE: a bad body on an existing session leaves it untouched")
    func badBodyOnExistingSession() async throws {
        let first = try await client.chat("Keep me")
        let before = try await client.session(first.sessionID)
        let response = await client.send(
            "POST", "/v1/chat", json: #"{"message":"hi","session_id":"\#(first.sessionID)","mode":"loud"}"#)
        #expect(response.status == 400)
        #expect(try await client.session(first.sessionID) == before)
    }
}
