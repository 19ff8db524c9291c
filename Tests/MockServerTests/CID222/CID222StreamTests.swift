import Foundation
import HTTPServer
import SessionsAPI
import Testing

@testable import MockServer

@Suite("CID222 message streams")
struct CID222StreamTests {
    let client = CID222TestClient()

    @Test(
        "CID-SEND-STATUS-200 CID-SEND-STREAM CID-SEND-CACHE-CONTROL CID-STREAM-DATA-LINES CID-STREAM-DONE: a message answers an SSE stream: one data line per event, no event field, ending with [DONE]"
    )
    func framing() async throws {
        let session = try await client.createSession()
        let response = await client.send(session.id, content: "I need help with my order #12345")
        #expect(response.status == 200)
        #expect(response.streamed)
        #expect(response.headers["Content-Type"] == "text/event-stream")
        #expect(response.headers["Cache-Control"] == "no-cache")
        let blocks = response.text.components(separatedBy: "\n\n")
        #expect(blocks.last == "")
        for block in blocks.dropLast() {
            #expect(block.hasPrefix("data: "))
            #expect(!block.contains("\n"))
            #expect(!block.contains("event:"))
        }
        #expect(response.dataLines.last == "[DONE]")
        #expect(response.dataLines.filter { $0 == "[DONE]" }.count == 1)
    }

    @Test(
        "CID-STREAM-ORDER CID-STREAM-CONTENT-BLOCK-DELTA CID-STREAM-CONTEXT-USAGE CID-STREAM-MESSAGE-STOP CID-STREAM-STOP-REASON: events come in order: deltas, context_usage, message_stop(end_turn)"
    )
    func order() async throws {
        let session = try await client.createSession()
        let events = try await client.send(session.id, content: "Hello there").events()
        let kinds = events.map(Self.kind)
        let firstUsage = try #require(kinds.firstIndex(of: "context_usage"))
        #expect(firstUsage >= 1)
        #expect(kinds[..<firstUsage].allSatisfy { $0 == "content_block_delta" })
        #expect(Array(kinds[firstUsage...]) == ["context_usage", "message_stop"])
        #expect(events.last == .messageStop(CID222MessageStop(stopReason: "end_turn")))
    }

    @Test(
        "CID-STREAM-DELTA-SHAPE CID-STREAM-DELTAS-JOIN CID-SEND-STORES-TURN CID-GET-CONTEXT-ENTRIES: deltas carry a few words each and join exactly into the stored assistant message"
    )
    func joinEqualsStored() async throws {
        let session = try await client.createSession()
        let response = await client.send(session.id, content: "Tell me about shipping")
        let reply = try response.replyText()
        #expect(!reply.isEmpty)
        for event in try response.events() {
            if case .contentBlockDelta(let delta) = event {
                #expect(delta.index == 0)
                #expect(delta.delta.type == "text_delta")
                let words = delta.delta.text.split(separator: " ").count
                #expect((1...CID222TurnPlanner.wordsPerDelta).contains(words))
            }
        }
        let detail = try await client.detail(session.id)
        #expect(
            detail.context == [
                CID222ContextMessage(role: "user", content: "Tell me about shipping"),
                CID222ContextMessage(role: "assistant", content: reply),
            ])
    }

    @Test(
        "CID-STREAM-CONTEXT-USAGE-SHAPE CID-TOKENS-COUNT-RULE CID-TOKENS-COST CID-TOKENS-TURN-SUM CID-TOKENS-SESSION-SUM: context_usage reports the turn's tokens and cost by the documented rule"
    )
    func usage() async throws {
        let session = try await client.createSession()
        let content = "What is the status of my refund request?"
        let response = await client.send(session.id, content: content, model: "gpt-4o")
        let usage = try #require(try response.contextUsage())
        let reply = try response.replyText()
        let input = TokenCounter.count(content)
        let output = TokenCounter.count(reply)
        #expect(usage.contextTokens == input)
        #expect(usage.contextLimit == 128_000)
        #expect(!usage.summarized)
        #expect(usage.summarizedMessages == 0)
        #expect(usage.usage.inputTokens == input)
        #expect(usage.usage.outputTokens == output)
        #expect(usage.usage.totalTokens == input + output)
        let expectedCost = (Double(input) / 1000 * 0.0025 + Double(output) / 1000 * 0.01)
        #expect(abs(usage.usage.cost - expectedCost) < 0.000_001)
        #expect(
            usage.sessionUsage == CID222TokenUsage(totalTokens: input + output, totalCost: usage.usage.cost))
        let stored = try await client.detail(session.id).session.tokenUsage
        #expect(stored == usage.sessionUsage)
    }

    @Test("CID-GET-UPDATED-AT: updated_at moves forward on a turn; created_at stays")
    func updatedAt() async throws {
        let session = try await client.createSession()
        _ = await client.send(session.id, content: "hello")
        let after = try await client.detail(session.id).session
        #expect(after.createdAt == session.createdAt)
        let before = try #require(Timestamp.parse(session.updatedAt))
        #expect(try #require(Timestamp.parse(after.updatedAt)) > before)
    }

    @Test("CID-SEND-MAX-TOKENS-CAP: max_tokens caps the reply and stops with max_tokens")
    func maxTokens() async throws {
        let session = try await client.createSession()
        for cap in [1, 2, 5] {
            let response = await client.send(
                session.id, content: "Explain everything", extra: #","max_tokens":\#(cap)"#)
            let reply = try response.replyText()
            #expect(TokenCounter.count(reply) <= cap)
            #expect(!reply.isEmpty)
            #expect(try response.events().last == .messageStop(CID222MessageStop(stopReason: "max_tokens")))
            #expect(try response.contextUsage()?.usage.outputTokens == TokenCounter.count(reply))
        }
        let big = await client.send(session.id, content: "Short", extra: #","max_tokens":100000"#)
        #expect(try big.events().last == .messageStop(CID222MessageStop(stopReason: "end_turn")))
    }

    @Test("the optional sampling fields and provider are accepted")
    func optionalFields() async throws {
        let session = try await client.createSession()
        let response = await client.send(
            session.id, content: "hi",
            extra: #","provider":"anthropic","temperature":2,"top_p":0,"max_tokens":50,"unknown":{"x":1}"#)
        #expect(response.status == 200)
        #expect(response.streamed)
    }

    @Test("the same seed and clock give identical stream bytes; another seed a different reply")
    func determinism() async throws {
        func run(seed: UInt64) async throws -> [UInt8] {
            let client = CID222TestClient(options: CID222TestClient.defaultOptions(seed: seed))
            let session = try await client.createSession()
            var bytes: [UInt8] = []
            for text in ["first question", "a follow-up about jane@example.com", "thanks"] {
                bytes += await client.send(session.id, content: text).body
            }
            bytes += await client.request("GET", "/sessions/\(session.id)").body
            return bytes
        }
        let a = try await run(seed: 7)
        let b = try await run(seed: 7)
        let c = try await run(seed: 8)
        #expect(a == b)
        #expect(a != c)
    }

    @Test("the reply depends on the conversation: the same message in two sessions gets different replies")
    func replyDependsOnSession() async throws {
        let one = try await client.createSession()
        let two = try await client.createSession()
        let a = try await client.send(one.id, content: "same").replyText()
        let b = try await client.send(two.id, content: "same").replyText()
        #expect(a != b)
    }

    @Test("a streaming profile only adds waits: the bytes are the same as without it")
    func pacingKeepsBytes() async throws {
        var paced = CID222TestClient.defaultOptions()
        paced.streaming.timeToFirstTokenMilliseconds = 1
        paced.streaming.tokensPerSecond = 1000
        paced.streaming.jitterMilliseconds = 1
        let slow = CID222TestClient(options: paced)
        let fast = CID222TestClient()
        let s1 = try await slow.createSession()
        let s2 = try await fast.createSession()
        #expect(await slow.send(s1.id, content: "hi").body == fast.send(s2.id, content: "hi").body)
    }

    @Test("the pacer waits ttft first, then 1/tps plus seeded jitter per delta, and nothing when off")
    func pacerDelays() {
        var off = CID222StreamPacer(profile: StreamingProfile(), seed: 1, sessionID: "s", turn: 0)
        #expect((0..<5).map { off.delayMilliseconds(before: $0, isDelta: true) } == [0, 0, 0, 0, 0])
        var profile = StreamingProfile()
        profile.timeToFirstTokenMilliseconds = 300
        profile.tokensPerSecond = 20
        profile.jitterMilliseconds = 10
        var a = CID222StreamPacer(profile: profile, seed: 1, sessionID: "s", turn: 0)
        var b = CID222StreamPacer(profile: profile, seed: 1, sessionID: "s", turn: 0)
        let delaysA = (0..<6).map { a.delayMilliseconds(before: $0, isDelta: $0 != 5) }
        let delaysB = (0..<6).map { b.delayMilliseconds(before: $0, isDelta: $0 != 5) }
        #expect(delaysA == delaysB)
        #expect(delaysA[0] == 300)
        #expect(delaysA[1...4].allSatisfy { (50...60).contains($0) })
        #expect(delaysA[5] == 0)
    }

    static func kind(_ event: CID222StreamEvent) -> String {
        switch event {
        case .filterWarning: return "filter_warning"
        case .contentBlockDelta: return "content_block_delta"
        case .contextUsage: return "context_usage"
        case .messageStop: return "message_stop"
        case .inputRejected: return "input_rejected"
        case .error: return "error"
        case .unknown(let type): return type
        }
    }
}
