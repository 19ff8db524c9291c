import Foundation
import SessionsAPI
import Testing

@testable import MockServer

/// The cached wire bytes of sessions and pages are exactly what encoding the value gives, and
/// a change to a record is never answered with the bytes of its earlier version.
@Suite("Konnect cached encodings")
struct KonnectEncodedFormsTests {
    static func sessions(count: Int, clock: ClockSpec = ClockSpec(start: 1_700_000_000, tick: 0))
        -> KonnectUserSessions
    {
        var sessions = KonnectUserSessions()
        let sources = KonnectTurnSources(
            ids: IDGenerator(seed: 3), clock: MockClock(clock), seed: 3, replies: ScriptedReplyStore(),
            namespace: "default")
        for index in 0..<count {
            _ = sessions.chat(
                KonnectTurn(message: "question \(index)", sessionID: nil, mode: nil), sources: sources)
        }
        return sessions
    }

    @Test func aPageIsByteForByteTheEncodedList() throws {
        let sessions = Self.sessions(count: 7)
        for (limit, offset) in [(20, 0), (3, 0), (3, 3), (3, 6), (5, 7), (1, 100)] {
            let page = KonnectPage(limit: limit, offset: offset)
            let listed = sessions.list(page)
            let expected = KonnectSessionList(
                data: listed.records.map(\.summary), hasMore: listed.hasMore, total: listed.total)
            #expect(listed.json == WireJSON.encode(expected), "limit \(limit) offset \(offset)")
        }
    }

    @Test func theListIsNewestFirstAndStaysSoAfterDeletesAndASnapshot() throws {
        // A stopped clock: every session has the same created_at, so creation order decides.
        var sessions = Self.sessions(count: 5)
        let all = sessions.list(KonnectPage(limit: 100, offset: 0)).records
        #expect(all.map(\.sequence) == [4, 3, 2, 1, 0])
        let deleted = sessions.delete(all[2].id)
        #expect(deleted)
        let afterDelete = sessions.list(KonnectPage(limit: 100, offset: 0)).records.map(\.sequence)
        #expect(afterDelete == [4, 3, 1, 0])
        let restored = try JSONDecoder().decode(
            KonnectUserSessions.self, from: try JSONEncoder().encode(sessions))
        #expect(restored.list(KonnectPage(limit: 100, offset: 0)).records.map(\.sequence) == afterDelete)
        #expect(restored == sessions)
    }

    @Test func aChangedRecordIsEncodedAfresh() throws {
        var sessions = Self.sessions(count: 1)
        let record = try #require(sessions.list(KonnectPage(limit: 1, offset: 0)).records.first)
        #expect(record.detailJSON == WireJSON.encode(record.detail))
        #expect(record.summaryJSON == WireJSON.encode(record.summary))
        _ = sessions.rename(record.id, to: "Renamed", clock: MockClock(ClockSpec(start: 1_800_000_000)))
        let renamed = try #require(sessions.sessions[record.id])
        #expect(renamed.detailJSON == WireJSON.encode(renamed.detail))
        #expect(String(decoding: renamed.summaryJSON, as: UTF8.self).contains(#""title":"Renamed""#))
        let sources = KonnectTurnSources(
            ids: IDGenerator(seed: 4), clock: MockClock(ClockSpec(start: 1_800_000_100)), seed: 4,
            replies: ScriptedReplyStore(), namespace: "default")
        _ = sessions.chat(KonnectTurn(message: "more", sessionID: record.id, mode: nil), sources: sources)
        let grown = try #require(sessions.sessions[record.id])
        #expect(grown.messages.count == 4)
        #expect(grown.detailJSON == WireJSON.encode(grown.detail))
        // The old value still answers with its own bytes.
        #expect(record.detailJSON == WireJSON.encode(record.detail))
    }
}
