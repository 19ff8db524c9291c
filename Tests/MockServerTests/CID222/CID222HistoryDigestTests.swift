import SessionsAPI
import Testing

@testable import MockServer

/// The history digest a CID222 session keeps gives what counting the whole history gives,
/// however it was brought up to date.
@Suite("CID222 history digest")
struct CID222HistoryDigestTests {
    private func messages(_ count: Int) -> [CID222ContextMessage] {
        (0..<count).map {
            CID222ContextMessage(
                role: $0 % 2 == 0 ? "user" : "assistant", content: "message \($0) with some words")
        }
    }

    private func fromScratch(_ history: [CID222ContextMessage], _ id: String) -> UInt64 {
        history.reduce(CID222ReplyGenerator.transcriptStart(sessionID: id)) {
            CID222ReplyGenerator.transcript($0, adding: $1)
        }
    }

    @Test func growingOneTurnAtATimeMatchesCountingEverything() {
        let all = messages(12)
        var digest = CID222HistoryDigest()
        for end in stride(from: 0, through: all.count, by: 2) {
            let history = Array(all[..<end])
            digest = digest.covering(history, sessionID: "s1")
            #expect(digest.count == end)
            #expect(digest.transcript == fromScratch(history, "s1"))
            for start in 0...end {
                let expected = history[start...].reduce(0) { $0 + TokenCounter.count($1.content) }
                #expect(digest.tokens(from: start) == expected, "end \(end), start \(start)")
            }
        }
    }

    @Test func aHistoryThatIsNotAContinuationStartsOver() {
        let digest = CID222HistoryDigest().covering(messages(6), sessionID: "s1")
        var other = messages(6)
        other[5] = CID222ContextMessage(role: "assistant", content: "a different reply")
        let redone = digest.covering(other, sessionID: "s1")
        #expect(redone.transcript == fromScratch(other, "s1"))
        let shorter = digest.covering(messages(4), sessionID: "s1")
        #expect(shorter.transcript == fromScratch(messages(4), "s1"))
        let otherSession = digest.covering(messages(6), sessionID: "s2")
        #expect(otherSession.transcript == fromScratch(messages(6), "s2"))
    }

    @Test func theDigestReplyIsTheWholeConversationReply() {
        let conversation = messages(7)
        let options = CID222ReplyOptions(maxTokens: nil)
        let whole = CID222ReplyGenerator.reply(
            seed: 3, sessionID: "s1", conversation: conversation, options: options)
        let digest = CID222HistoryDigest().covering(Array(conversation.dropLast()), sessionID: "s1")
        let incremental = CID222ReplyGenerator.reply(
            seed: 3, transcript: CID222ReplyGenerator.transcript(digest.transcript, adding: conversation[6]),
            messageCount: 7, lastMessage: conversation[6].content, options: options)
        #expect(incremental == whole)
    }
}
