import HTTPServer
import SessionsAPI
import Testing

@testable import MockServer

@Suite("CID222 turns: what the model sees, per model and per session")
struct CID222TurnContextTests {
    let client = CID222TestClient()

    @Test(
        "CID-SEND-AUTO-CONTEXT: a send carries only the new message; earlier turns are in the model's context"
    )
    func autoContext() async throws {
        let session = try await client.createSession()
        let first = await client.send(session.id, content: "What is my order status?")
        let reply = try first.replyText()
        let second = try #require(
            try await client.send(session.id, content: "And the invoice?").contextUsage())
        let expected =
            TokenCounter.count("What is my order status?") + TokenCounter.count(reply)
            + TokenCounter.count("And the invoice?")
        #expect(second.contextTokens == expected)
        #expect(second.usage.inputTokens == expected)
    }

    @Test(
        "CID-CREATE-MODEL-PER-MESSAGE CID-CONTEXT-LIMIT-PER-MODEL: the model is chosen per message; context_limit is that model's"
    )
    func modelPerMessage() async throws {
        let created = await client.request(
            "POST", "/sessions", body: #"{"model":"gpt-4o","provider":"openai"}"#)
        #expect(created.status == 201)
        #expect(!created.text.contains("gpt-4o"))
        let session = try created.decode(CID222Session.self)
        for model in CID222ModelTable.models {
            let usage = try #require(
                try await client.send(session.id, content: "hi", model: model.id).contextUsage())
            #expect(usage.contextLimit == model.contextLimit, "\(model.id)")
        }
    }

    @Test(
        "CID-SEND-UNKNOWN-SESSION-404: sending to an unknown or malformed id answers 404 JSON, not a stream")
    func unknownSession() async throws {
        for id in ["6f1c2e7a-9b3d-4f5a-8c21-0d9a1b2c3d4e", "nope", "%2E%2E"] {
            let response = await client.send(id, content: "hello")
            #expect(response.status == 404)
            #expect(!response.streamed)
            #expect(response.headers["Content-Type"] == "application/json")
            #expect(response.error?.statusCode == 404)
        }
    }

    @Test("CID-TIME-FORMAT CID-TIME-UTC-Z: every timestamp is RFC 3339 UTC, whole seconds, with Z")
    func timeFormat() async throws {
        let session = try await client.createSession()
        _ = await client.send(session.id, content: "hello")
        let detail = try await client.detail(session.id)
        for stamp in [
            session.createdAt, session.updatedAt, detail.session.createdAt, detail.session.updatedAt,
        ] {
            #expect(stamp.count == 20)
            #expect(stamp.hasSuffix("Z"))
            #expect(Timestamp.parse(stamp).map(Timestamp.format) == stamp)
        }
    }
}
