import SessionsAPI
import Testing

@testable import MockServer

@Suite("CID222 context management: summarization at the model's limit, token tracking")
struct CID222ContextTests {
    let client = CID222TestClient()

    /// `n` tokens of text by the documented rule (4 ASCII bytes each).
    static func text(tokens n: Int) -> String {
        String(repeating: "abcd", count: n)
    }

    /// A session with one turn of a first message of `firstTokens` tokens; returns the
    /// session id, the first message and the reply.
    func sessionWithOneTurn(model: String, firstTokens: Int) async throws -> (String, String, String) {
        let session = try await client.createSession()
        let first = "hello world " + Self.text(tokens: firstTokens - 3)
        #expect(TokenCounter.count(first) == firstTokens)
        let response = await client.send(
            session.id, content: first, model: model, extra: #","max_tokens":10"#)
        #expect(try response.contextUsage()?.summarized == false)
        return (session.id, first, try response.replyText())
    }

    @Test(
        "CID-CONTEXT-NO-SUMMARY-UNDER-LIMIT CID-CONTEXT-LIMIT-PER-MODEL: limit − 1 and exactly the limit: no summarization, context_tokens as counted",
        arguments: [("mock-tiny-128", 128, 40), ("mock-small-512", 512, 200)])
    func atOrUnderLimit(model: String, limit: Int, firstTokens: Int) async throws {
        for delta in [-1, 0] {
            let (id, first, reply) = try await sessionWithOneTurn(model: model, firstTokens: firstTokens)
            let history = TokenCounter.count(first) + TokenCounter.count(reply)
            let message = Self.text(tokens: limit - history + delta)
            let usage = try #require(try await client.send(id, content: message, model: model).contextUsage())
            #expect(usage.contextTokens == limit + delta)
            #expect(usage.contextLimit == limit)
            #expect(!usage.summarized)
            #expect(usage.summarizedMessages == 0)
            #expect(usage.usage.inputTokens == limit + delta)
        }
    }

    @Test(
        "CID-CONTEXT-SUMMARIZE-OVER-LIMIT CID-CONTEXT-SUMMARIZED-REPORTED CID-CONTEXT-WITHIN-LIMIT CID-CONTEXT-HISTORY-KEPT: one token over the limit: the oldest message is folded into a summary",
        arguments: [("mock-tiny-128", 128, 40), ("mock-small-512", 512, 200)])
    func oneOverLimit(model: String, limit: Int, firstTokens: Int) async throws {
        let (id, first, reply) = try await sessionWithOneTurn(model: model, firstTokens: firstTokens)
        let history = TokenCounter.count(first) + TokenCounter.count(reply)
        let message = Self.text(tokens: limit - history + 1)
        let usage = try #require(try await client.send(id, content: message, model: model).contextUsage())
        let summary = CID222Summarizer.summarize(
            previous: nil, folded: [CID222ContextMessage(role: "user", content: first)], covered: 1)
        #expect(usage.summarized)
        #expect(usage.summarizedMessages == 1)
        #expect(
            usage.contextTokens == TokenCounter.count(summary) + TokenCounter.count(reply)
                + TokenCounter.count(message))
        #expect(usage.contextTokens <= limit)
        let detail = try await client.detail(id)
        #expect(detail.context.count == 4)
        #expect(detail.context[0].content == first)
    }

    @Test(
        "CID-VALIDATION-NOTHING-STORED: a message larger than the whole limit answers 400 naming content; nothing stored"
    )
    func tooLargeAlone() async throws {
        let session = try await client.createSession()
        let exact = await client.send(session.id, content: Self.text(tokens: 128), model: "mock-tiny-128")
        #expect(try exact.contextUsage()?.contextTokens == 128)
        let fresh = try await client.createSession()
        let response = await client.send(fresh.id, content: Self.text(tokens: 129), model: "mock-tiny-128")
        #expect(response.status == 400)
        #expect(!response.streamed)
        #expect(response.error?.details?["field"] == "content")
        #expect(response.error?.message.contains("mock-tiny-128") == true)
        #expect(try await client.detail(fresh.id).context.isEmpty)
    }

    @Test("a message that fits alone but not beside the minimal summary answers 400; nothing stored")
    func tooLargeWithSummary() async throws {
        let (id, _, _) = try await sessionWithOneTurn(model: "mock-tiny-128", firstTokens: 40)
        let before = try await client.detail(id)
        let response = await client.send(id, content: Self.text(tokens: 125), model: "mock-tiny-128")
        #expect(response.status == 400)
        #expect(try await client.detail(id) == before)
        let record = try #require(
            client.environment.cid222.session(namespace: "default", tenant: "tenant-a", id: id))
        #expect(record.summary == nil && record.summarizedCount == 0)
    }

    @Test(
        "CID-CONTEXT-FULL-HISTORY CID-CONTEXT-WITHIN-LIMIT CID-TOKENS-CUMULATIVE CID-TOKENS-NON-DECREASING CID-TOKENS-SESSION-SUM: many turns: summaries of summaries stay bounded, the context always fits, the full history is kept, usage never decreases"
    )
    func summaryOfSummaries() async throws {
        let session = try await client.createSession()
        var lastSummarized = 0
        var lastTotal = 0
        var lastCost = 0.0
        var sumOfTurns = 0
        let turns = 14
        for turn in 0..<turns {
            let content = "Turn \(turn) question about invoices and refunds " + Self.text(tokens: 20)
            let response = await client.send(session.id, content: content, model: "mock-tiny-128")
            let usage = try #require(try response.contextUsage(), "turn \(turn): \(response.text)")
            #expect(usage.contextTokens <= usage.contextLimit)
            #expect(usage.summarizedMessages >= lastSummarized)
            #expect(usage.summarized == (usage.summarizedMessages > 0))
            #expect(usage.sessionUsage.totalTokens > lastTotal)
            #expect(usage.sessionUsage.totalCost >= lastCost)
            sumOfTurns += usage.usage.totalTokens
            #expect(usage.sessionUsage.totalTokens == sumOfTurns)
            let stored = try await client.detail(session.id).session.tokenUsage
            #expect(stored == usage.sessionUsage)
            lastSummarized = usage.summarizedMessages
            lastTotal = usage.sessionUsage.totalTokens
            lastCost = usage.sessionUsage.totalCost
        }
        #expect(lastSummarized > 4)
        let detail = try await client.detail(session.id)
        #expect(detail.context.count == 2 * turns)
        #expect(
            detail.context.enumerated().allSatisfy {
                $0.element.role == ($0.offset % 2 == 0 ? "user" : "assistant")
            })
        let record = try #require(
            client.environment.cid222.session(namespace: "default", tenant: "tenant-a", id: session.id))
        let summary = try #require(record.summary)
        #expect(summary.hasPrefix("Summary of the first \(record.summarizedCount) "))
        #expect(TokenCounter.count(summary) <= 40)
        #expect(CID222Summarizer.topicWords(of: summary).count <= CID222Summarizer.maxTopics)
    }

    @Test("the planner: exactly at the limit folds nothing, one over folds, the summary replaces the oldest")
    func plannerUnit() throws {
        let history = [
            CID222ContextMessage(role: "user", content: Self.text(tokens: 30)),
            CID222ContextMessage(role: "assistant", content: Self.text(tokens: 30)),
        ]
        let fits = try CID222ContextPlanner.plan(
            history: history, summary: nil, summarizedCount: 0, newMessage: Self.text(tokens: 40), limit: 100
        ).get()
        #expect(fits == CID222ContextPlan(summary: nil, summarizedCount: 0, contextTokens: 100))
        let over = try CID222ContextPlanner.plan(
            history: history, summary: nil, summarizedCount: 0, newMessage: Self.text(tokens: 41), limit: 100
        ).get()
        #expect(over.summarizedCount == 1)
        #expect(over.contextTokens <= 100)
        let failing = CID222ContextPlanner.plan(
            history: [], summary: nil, summarizedCount: 0, newMessage: Self.text(tokens: 101), limit: 100)
        #expect(failing == .failure(.messageTooLarge(needed: 101, limit: 100)))
        let hostile = CID222ContextPlanner.plan(
            history: history, summary: "s", summarizedCount: 99, newMessage: "x", limit: 100)
        #expect((try? hostile.get())?.summarizedCount == 2)
    }

    @Test("CID-TOKENS-COST: cost uses the price table and rounds to six decimals")
    func costTable() throws {
        let mini = try #require(CID222ModelTable.model("gpt-4o-mini"))
        #expect(mini.costMicros(inputTokens: 1000, outputTokens: 1000) == 750)
        #expect(mini.costMicros(inputTokens: 3, outputTokens: 0) == 0)
        #expect(mini.costMicros(inputTokens: 4, outputTokens: 0) == 1)
        let sonnet = try #require(CID222ModelTable.model("claude-3-5-sonnet"))
        #expect(sonnet.costMicros(inputTokens: 100, outputTokens: 135) == 2325)
        #expect(CID222Model.dollars(micros: 2100) == 0.0021)
        #expect(
            CID222ModelTable.models.map(\.contextLimit) == [
                128_000, 128_000, 200_000, 200_000, 1_000_000, 512, 128,
            ])
    }
}
