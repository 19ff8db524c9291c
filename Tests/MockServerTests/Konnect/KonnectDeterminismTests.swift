import HTTPServer
import SessionsAPI
import Testing

@testable import MockServer

@Suite("Konnect determinism and snapshots")
struct KonnectDeterminismTests {
    /// A request sequence touching every route, answered byte for byte.
    static func transcript(_ client: KonnectTestClient) async -> [String] {
        var out: [String] = []
        func record(_ r: KonnectTestResponse) -> KonnectTestResponse {
            out.append("\(r.status) \(r.text)")
            return r
        }
        let first = record(
            await client.send(
                "POST", "/v1/chat", json: #"{"message":"What is quantum computing?","mode":"ensemble"}"#))
        let id = (try? first.decode(KonnectChatMessage.self).sessionID) ?? "missing"
        _ = record(
            await client.send("POST", "/v1/chat", json: #"{"message":"Elaborate.","session_id":"\#(id)"}"#))
        _ = record(
            await client.send("POST", "/v1/chat", json: #"{"message":"Another topic","mode":"council"}"#))
        _ = record(await client.send("PATCH", "/v1/sessions/\(id)", json: #"{"title":"Renamed"}"#))
        _ = record(await client.send("GET", "/v1/sessions/\(id)"))
        _ = record(await client.send("GET", "/v1/sessions?limit=1&offset=1"))
        _ = record(await client.send("DELETE", "/v1/sessions/\(id)"))
        _ = record(await client.send("GET", "/v1/sessions"))
        return out
    }

    @Test("two mocks with the same seed and clock answer the same requests byte for byte")
    func sameSeedSameBytes() async {
        let a = await Self.transcript(KonnectTestClient())
        let b = await Self.transcript(KonnectTestClient())
        #expect(a == b)
        #expect(a.allSatisfy { $0.hasPrefix("200 ") })
        #expect(a[0].contains(#""created_at":"2025-01-15T10:30:01Z""#))
    }

    @Test("a different seed changes the ids")
    func differentSeedDifferentIDs() async throws {
        let a = try await KonnectTestClient(options: KonnectTestClient.options(seed: 1)).chat("Same words")
        let b = try await KonnectTestClient(options: KonnectTestClient.options(seed: 2)).chat("Same words")
        #expect(a.sessionID != b.sessionID)
        #expect(a.id != b.id)
        #expect(a.createdAt == b.createdAt)
    }

    @Test("KON-CHAT-CONTINUE: the reply depends only on seed, session and conversation, not on ids or times")
    func replyIsPure() {
        let conversation = [
            KonnectMessage(id: "msg_a", role: "user", content: "Hello", createdAt: "2025-01-15T10:30:00Z")
        ]
        let other = [
            KonnectMessage(id: "msg_b", role: "user", content: "Hello", createdAt: "2030-01-01T00:00:00Z")
        ]
        let options = KonnectReplyOptions(mode: .ensemble)
        let one = KonnectReplyGenerator.reply(
            seed: 7, sessionID: "sess_1", conversation: conversation, options: options)
        #expect(
            one
                == KonnectReplyGenerator.reply(
                    seed: 7, sessionID: "sess_1", conversation: other, options: options))
        #expect(
            one
                != KonnectReplyGenerator.reply(
                    seed: 8, sessionID: "sess_1", conversation: conversation, options: options))
        #expect(
            one
                != KonnectReplyGenerator.reply(
                    seed: 7, sessionID: "sess_2", conversation: conversation, options: options))
        var longer = conversation
        longer.append(KonnectMessage(id: "msg_c", role: "user", content: "More", createdAt: ""))
        #expect(
            one.content
                != KonnectReplyGenerator.reply(
                    seed: 7, sessionID: "sess_1", conversation: longer, options: options
                ).content)
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ,.;!")
        #expect(one.content.allSatisfy(allowed.contains))
        #expect(one.content.first?.isUppercase == true)
    }

    @Test("export, reset and import give identical answers")
    func snapshotRoundTrip() async throws {
        let client = KonnectTestClient()
        let reply = try await client.chat("Remember me", mode: "debate")
        _ = try await client.chat("Other user", key: KonnectTestClient.otherKey)
        _ = try await client.chat("Elsewhere", namespace: "ns")
        let list = await client.send("GET", "/v1/sessions").text
        let detail = await client.send("GET", "/v1/sessions/\(reply.sessionID)").text

        let snapshot = client.environment.konnect.exportSnapshot()
        #expect(snapshot.sessionCount == 3)
        let encoded = WireJSON.encode(snapshot)
        client.environment.konnect.reset(namespace: nil)
        #expect(try await client.list().total == 0)
        #expect(client.environment.konnect.exportSnapshot().sessionCount == 0)

        client.environment.konnect.importSnapshot(try WireJSON.decode(KonnectSnapshot.self, from: encoded))
        #expect(client.environment.konnect.exportSnapshot() == snapshot)
        #expect(await client.send("GET", "/v1/sessions").text == list)
        #expect(await client.send("GET", "/v1/sessions/\(reply.sessionID)").text == detail)
    }

    @Test("reset of one namespace leaves the others")
    func resetOneNamespace() async throws {
        let client = KonnectTestClient()
        _ = try await client.chat("Default")
        _ = try await client.chat("Scoped", namespace: "ns")
        client.environment.konnect.reset(namespace: "ns")
        #expect(try await client.list().total == 1)
        #expect(await client.send("GET", "/v1/sessions", namespace: "ns").text.contains(#""total":0"#))
    }
}
