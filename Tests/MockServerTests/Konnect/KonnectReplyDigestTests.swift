import SessionsAPI
import Testing

@testable import MockServer

/// The reply digest a session keeps gives the reply a digest of the whole conversation gives,
/// whatever turns, modes and copies came before.
@Suite("Konnect reply digest")
struct KonnectReplyDigestTests {
    @Test func theAccumulatorMixesAsMixDoes() {
        let parts: [UInt64] = [0, 1, 42, .max, 7, 7]
        var accumulator = MixAccumulator()
        for part in parts { accumulator.add(part) }
        #expect(accumulator.value == SplitMix64.mix(parts))
        #expect(MixAccumulator().value == SplitMix64.mix([]))
    }

    @Test func everyTurnRepliesAsTheWholeConversationWould() throws {
        var sessions = KonnectUserSessions()
        let sources = KonnectTurnSources(
            ids: IDGenerator(seed: 9), clock: MockClock(ClockSpec(start: 1_700_000_000)), seed: 9,
            replies: ScriptedReplyStore(), namespace: "default")
        let created = sessions.chat(
            KonnectTurn(message: "hello", sessionID: nil, mode: nil), sources: sources)
        let first = try #require(created)
        let id = first.sessionID
        let modes: [KonnectMode?] = [nil, nil, .ensemble, .ensemble, nil, .smartChat]
        for (index, mode) in modes.enumerated() {
            let before = try #require(sessions.sessions[id])
            let answered = sessions.chat(
                KonnectTurn(message: "turn \(index)", sessionID: id, mode: mode), sources: sources)
            let reply = try #require(answered)
            let after = try #require(sessions.sessions[id])
            let conversation = Array(after.messages.dropLast())
            let expected = KonnectReplyGenerator.reply(
                seed: 9, sessionID: id, conversation: conversation,
                options: KonnectReplyOptions(
                    mode: mode ?? before.mode, scriptedText: nil, shape: ReplyShape()))
            #expect(reply.content == expected.content, "turn \(index)")
            #expect(reply.modelsUsed == expected.modelsUsed, "turn \(index)")
        }
    }
}
