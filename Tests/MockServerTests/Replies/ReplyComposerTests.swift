import SessionsAPI
import Testing

@testable import MockServer

@Suite("Readable replies")
struct ReplyComposerTests {
    static let question = "How do I deploy a Swift server on Kubernetes?"

    private func reply(_ message: String = question, shape: ReplyShape = ReplyShape(), seed: UInt64 = 7)
        -> String
    {
        var random = SplitMix64(seed: seed)
        return ReplyComposer.compose(message: message, shape: shape, using: &random)
    }

    @Test func theSameSeedGivesTheSameReplyAndAnotherSeedAnother() {
        #expect(reply(seed: 1) == reply(seed: 1))
        let replies = Set((0..<20).map { reply(seed: $0) })
        #expect(replies.count > 10)
    }

    @Test func theReplyPicksUpTheTopic() {
        for seed in UInt64(0)..<30 {
            let text = reply(seed: seed)
            #expect(text.contains("“deploy a Swift server on Kubernetes”"), "\(text)")
        }
        let topic = ReplyTopic(message: Self.question)
        #expect(topic.phrase == "deploy a Swift server on Kubernetes")
        #expect(topic.keywords == ["deploy", "Swift", "server", "Kubernetes"])
    }

    @Test func aMessageWithoutContentWordsStillReadsWell() {
        let text = reply("hi")
        #expect(text.contains("your question"), "\(text)")
        #expect(!text.contains("{"))
        #expect(ReplyTopic(message: "hi").phrase.isEmpty)
    }

    @Test(arguments: [1...1, 5...8, 12...40, 30...30, 60...120, 200...400])
    func everyReplyHasAWordCountInTheRange(_ range: ClosedRange<Int>) {
        for seed in UInt64(0)..<40 {
            let text = reply(shape: ReplyShape(words: range), seed: seed)
            #expect(range.contains(ReplyComposer.words(text)), "\(ReplyComposer.words(text)) words: \(text)")
            #expect(text.hasSuffix(".") || text.hasSuffix("”."), "\(text)")
        }
    }

    @Test func plainRepliesAreOneParagraphOfSentences() {
        for seed in UInt64(0)..<20 {
            let text = reply(seed: seed)
            #expect(!text.contains("\n"))
            #expect(!text.contains("  "))
        }
    }

    @Test func markdownRepliesHaveAListAFenceAndATable() {
        for seed in UInt64(0)..<20 {
            let text = reply(shape: ReplyShape(style: .markdown, words: 30...60), seed: seed)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.contains { $0.hasPrefix("1. ") }, "\(text)")
            #expect(lines.filter { $0 == "```yaml" || $0 == "```" }.count == 2, "\(text)")
            #expect(lines.contains("| Step | Focus | Why |"))
            #expect(lines.contains("| ---: | --- | --- |"))
            let rows = lines.filter {
                $0.hasPrefix("| ") && !$0.hasPrefix("| Step") && !$0.hasPrefix("| ---")
            }
            #expect(rows.count == 3)
            #expect(rows.allSatisfy { $0.split(separator: "|", omittingEmptySubsequences: false).count == 5 })
            #expect(text.contains("steps:\n  - deploy\n  - Swift\n  - server"))
        }
    }

    @Test func wordRangesParse() {
        #expect(ReplyShape(wordsText: "20-40")?.words == 20...40)
        #expect(ReplyShape(wordsText: "25")?.words == 25...25)
        for bad in ["", "0-5", "9-3", "a-b", "1-2-3", "5-", "1-5000"] {
            #expect(ReplyShape(wordsText: bad) == nil, "\(bad)")
        }
    }

    @Test("both APIs' replies follow --reply-style and --reply-words")
    func theMockUsesTheShape() async throws {
        var options = CID222TestClient.defaultOptions()
        options.replyShape = ReplyShape(style: .markdown, words: 40...50)
        let client = CID222TestClient(options: options)
        let session = try await client.createSession()
        let response = await client.send(
            session.id, content: "Summarize our refund policy for damaged orders")
        let text = try response.replyText()
        #expect(text.contains("“Summarize our refund policy for damaged orders”"), "\(text)")
        #expect(text.contains("| Step | Focus | Why |"))
        let konnect = KonnectReplyGenerator.reply(
            seed: 1, sessionID: "sess_x",
            conversation: [
                KonnectMessage(id: "m", role: "user", content: "Compare Postgres and SQLite", createdAt: "")
            ],
            options: KonnectReplyOptions(mode: .default, shape: ReplyShape(style: .plain, words: 20...25)))
        #expect(konnect.content.contains("“Compare Postgres and SQLite”"), "\(konnect.content)")
        #expect((20...25).contains(ReplyComposer.words(konnect.content)))
    }
}
