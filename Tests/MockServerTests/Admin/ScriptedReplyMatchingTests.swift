import HTTPServer
import JSONSchema
import Testing

@testable import MockServer

/// Issue 13, finding 2: scripted-reply matching is linear in the message and runs with no
/// lock held; using a match is a separate, short step under the store's lock.
@Suite("Scripted reply matching")
struct ScriptedReplyMatchingTests {
    @Test("the matcher agrees with String.contains on every short pattern over a small alphabet")
    func agreesWithContains() {
        var texts: [String] = [""]
        for _ in 0..<6 { texts = texts.flatMap { [$0 + "a", $0 + "b"] } + texts }
        let patterns = Set(texts.filter { $0.count <= 4 && !$0.isEmpty })
        for pattern in patterns {
            let matcher = SubstringMatcher(pattern)
            for text in texts where text.count >= 5 {
                #expect(matcher.occurs(in: text.utf8) == text.contains(pattern), "\(pattern) in \(text)")
            }
        }
    }

    @Test("the worst case for naive search (4,096 x 'a' + 'b' against 100 KB of 'a') is decided")
    func adversarialCase() {
        let pattern = String(repeating: "a", count: 4095) + "b"
        let matcher = SubstringMatcher(pattern)
        let message = String(repeating: "a", count: 100_000)
        #expect(!matcher.occurs(in: message.utf8))
        #expect(matcher.occurs(in: (message + "b").utf8))
    }

    @Test("non-ASCII text matches by code point, and ignore_case lowercases both sides")
    func unicode() throws {
        let store = ScriptedReplyStore()
        _ = try store.add(
            body: .object(["pattern": .string("ÉTÉ"), "ignore_case": .bool(true), "reply": .string("r")]),
            namespace: "n")
        #expect(store.take(api: .konnect, namespace: "n", message: "un bel été") != nil)
        #expect(store.take(api: .konnect, namespace: "n", message: "un bel hiver") == nil)
    }

    @Test("a candidate used up by another request in between is not used twice")
    func candidateThenConsume() throws {
        let store = ScriptedReplyStore()
        _ = try store.add(
            body: .object(["pattern": .string("x"), "reply": .string("once"), "times": .int(1)]),
            namespace: "n")
        let first = try #require(store.candidate(api: .cid222, namespace: "n", message: "x"))
        let second = try #require(store.candidate(api: .cid222, namespace: "n", message: "x"))
        #expect(store.consume(first)?.reply == "once")
        #expect(store.consume(second) == nil)
        #expect(store.take(api: .cid222, namespace: "n", message: "x") == nil)
    }

    @Test("Konnect uses a long scripted pattern in a 100 KB message, once per time allowed")
    func konnectLongMessage() async throws {
        let environment = AdminTest.environment()
        let handler = MockServer.makeHandler(environment: environment)
        let pattern = String(repeating: "ab", count: 2048)
        let register = await handler(
            AdminTest.request(
                "POST", "/__admin/replies",
                body: #"{"api":"konnect","pattern":"\#(pattern)","reply":"scripted","times":1}"#))
        #expect(register.status == 201)
        let message = String(repeating: "a", count: 100_000) + pattern
        let key = ("Authorization", "Bearer sk_test_long")
        for expected in [true, false] {
            let chat = await handler(
                AdminTest.request("POST", "/v1/chat", headers: [key], body: #"{"message":"\#(message)"}"#))
            #expect(chat.status == 200)
            let content = try await AdminTest.json(chat)["content"]?.string
            #expect((content == "scripted") == expected)
        }
    }
}
