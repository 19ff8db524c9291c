import JSONSchema
import SessionsAPI
import Testing

@testable import MockServer

/// A turn composed outside the user's lock (`basis`, then `commit`) stores and answers what
/// the whole turn under the lock does, and never commits onto a session that moved on.
@Suite("Konnect turns composed outside the lock")
struct KonnectTurnBasisTests {
    private func sources(_ replies: ScriptedReplyStore = ScriptedReplyStore()) -> KonnectTurnSources {
        KonnectTurnSources(
            ids: IDGenerator(seed: 5), clock: MockClock(ClockSpec(start: 1_700_000_000)), seed: 5,
            replies: replies, namespace: "default")
    }

    /// The turn in two steps, as the endpoint runs it.
    private func twoStep(
        _ sessions: inout KonnectUserSessions, _ turn: KonnectTurn, _ sources: KonnectTurnSources
    )
        -> KonnectTurnCommit?
    {
        let basis =
            turn.sessionID == nil
            ? KonnectTurnBasis.newSession(turn, sources: sources)
            : sessions.basis(for: turn, seed: sources.seed)
        guard let basis else { return nil }
        let askedAt = sources.clock.now()
        let reply = basis.reply(to: turn, scripted: nil, shape: sources.replyShape)
        return sessions.commit(turn, basis: basis, reply: reply, askedAt: askedAt, sources: sources)
    }

    @Test func twoStepsStoreAndAnswerByteForByteWhatOneStepDoes() throws {
        var whole = KonnectUserSessions()
        var split = KonnectUserSessions()
        let wholeSources = sources()
        let splitSources = sources()
        let opening = KonnectTurn(message: "plan a trip", sessionID: nil, mode: nil)
        let created = whole.chat(opening, sources: wholeSources)
        let first = try #require(created)
        guard case .committed(let splitFirst) = twoStep(&split, opening, splitSources) else {
            Issue.record("a new session never races")
            return
        }
        #expect(splitFirst == first)
        for (index, mode) in [nil, KonnectMode.ensemble, nil].enumerated() {
            let turn = KonnectTurn(message: "and then \(index)?", sessionID: first.sessionID, mode: mode)
            let expected = whole.chat(turn, sources: wholeSources)
            guard case .committed(let answered) = twoStep(&split, turn, splitSources) else {
                Issue.record("turn \(index) did not commit")
                return
            }
            #expect(answered == expected)
        }
        #expect(split == whole)
    }

    @Test func aTurnThatCameInBetweenMakesTheCommitRaceAndChangesNothing() throws {
        var sessions = KonnectUserSessions()
        let sources = sources()
        let opened = sessions.chat(KonnectTurn(message: "hi", sessionID: nil, mode: nil), sources: sources)
        let created = try #require(opened)
        let turn = KonnectTurn(message: "slow one", sessionID: created.sessionID, mode: nil)
        let basis = try #require(sessions.basis(for: turn, seed: 5))
        let reply = basis.reply(to: turn, scripted: nil, shape: ReplyShape())
        let fast = sessions.chat(
            KonnectTurn(message: "fast one", sessionID: created.sessionID, mode: nil), sources: sources)
        #expect(fast != nil)
        let before = sessions
        let outcome = sessions.commit(turn, basis: basis, reply: reply, askedAt: 0, sources: sources)
        guard case .raced = outcome else {
            Issue.record("committed onto a session that moved on: \(outcome)")
            return
        }
        #expect(sessions == before)
        #expect(sessions.sessions[created.sessionID]?.messages.count == 4)
    }

    @Test func aSessionDeletedInBetweenIsMissing() throws {
        var sessions = KonnectUserSessions()
        let sources = sources()
        let opened = sessions.chat(KonnectTurn(message: "hi", sessionID: nil, mode: nil), sources: sources)
        let created = try #require(opened)
        let turn = KonnectTurn(message: "still there?", sessionID: created.sessionID, mode: nil)
        let basis = try #require(sessions.basis(for: turn, seed: 5))
        let deleted = sessions.delete(created.sessionID)
        #expect(deleted)
        let reply = basis.reply(to: turn, scripted: nil, shape: ReplyShape())
        guard case .missing = sessions.commit(turn, basis: basis, reply: reply, askedAt: 0, sources: sources)
        else {
            Issue.record("a deleted session took a turn")
            return
        }
        #expect(sessions.sessions.isEmpty)
    }

    @Test func aScriptedReplyTakenBeforeTheFallbackIsNotTakenAgain() throws {
        let replies = ScriptedReplyStore()
        let registered = try replies.add(body: ["reply": "scripted!", "times": 2], namespace: "default")
        var sessions = KonnectUserSessions()
        var sources = sources(replies)
        sources.scriptedCandidate = registered
        let taken = try #require(replies.consume(registered))
        let answered = sessions.chat(
            KonnectTurn(message: "hi", sessionID: nil, mode: nil), sources: sources, taken: .some(taken))
        #expect(answered?.content == "scripted!")
        #expect(replies.list(namespace: "default").first?.hits == 1)
        let nothingLeft = sessions.chat(
            KonnectTurn(message: "hi", sessionID: nil, mode: nil), sources: sources, taken: .some(nil))
        #expect(nothingLeft?.content != "scripted!")
        #expect(replies.list(namespace: "default").first?.hits == 1)
    }
}

/// The chat route's hand-written answer is what the encoder gives.
@Suite("Konnect chat answer bytes")
struct KonnectChatMessageWireTests {
    @Test func theWrittenAnswerIsTheEncodedOne() {
        let contents = ["Plain reply.", "Quotes \" and \\ and\nnew lines\t", "“Unicode” 東京 🎉", ""]
        let modelSets: [[String]] = [[], ["gpt-4o"], ["gpt-4o", "claude-3-5-sonnet", "gemini-1.5-pro"]]
        for content in contents {
            for models in modelSets {
                let message = KonnectMessage(
                    id: "msg_1", role: "assistant", content: content, createdAt: "2026-01-15T10:30:00Z",
                    modelsUsed: models)
                let reply = KonnectChatMessage(message: message, sessionID: "sess_\"x", mode: "ensemble")
                #expect(reply.wireJSON == WireJSON.encode(reply), "\(content) \(models)")
            }
        }
    }
}
