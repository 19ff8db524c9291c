import HTTPServer
import JSONSchema
import Testing

@testable import MockServer

/// The journal keeps each entry packed into one byte array; what it gives back must be the
/// entry it was given, field for field.
@Suite("Packed journal entry")
struct PackedJournalEntryTests {
    @Test func everyFieldSurvivesPacking() {
        var entry = JournalEntry(
            id: 41, namespace: "tëam-α", method: "POST", target: "/sessions/x/messages?debug=1",
            path: "/sessions/x/messages", status: 200, outcome: .cut, durationMilliseconds: 12.345,
            requestHeaders: ["Authorization": "Bearer ***", "X-Mock-Fault": "cut_after=2", "Empty": ""],
            requestBody: CappedBytes(Array(#"{"content":"héllo 👋"}"#.utf8), limit: 8),
            responseHeaders: ["Content-Type": "text/event-stream"],
            responseBody: CappedBytes(Array("data: {\"type\":\"message_start\"}\n\n".utf8), limit: 1 << 16),
            streamed: true, fault: ["cut_after": 2, "rule": .null, "note": "ünïcode"])
        entry.events = [#"{"type":"message_start"}"#, "", "[DONE]"]
        entry.error = "stream cut by an injected fault after 2 events"
        let packed = PackedJournalEntry(entry)
        #expect(packed.entry == entry)
        #expect(packed.id == 41 && packed.retainedBytes == entry.retainedBytes)
        #expect(packed.entry.requestBody.truncated)
        #expect(packed.numbered(7).entry.id == 7)
        let faultBytes = entry.fault?.serializedBytes().count ?? 0
        #expect(packed.byteCount == PackedJournalEntry.packedSize(of: entry, faultBytes: faultBytes))
    }

    @Test func absentFieldsStayAbsent() {
        let entry = RequestJournalTests.entry("ns", body: 0)
        let unpacked = PackedJournalEntry(entry).entry
        #expect(unpacked == entry)
        #expect(unpacked.durationMilliseconds == nil && unpacked.error == nil && unpacked.fault == nil)
        #expect(unpacked.events.isEmpty)
        #expect(
            PackedJournalEntry(entry).byteCount == PackedJournalEntry.packedSize(of: entry, faultBytes: 0))
    }

    @Test func aDurationOfZeroIsNotAbsent() {
        var entry = RequestJournalTests.entry("ns")
        entry.durationMilliseconds = 0
        #expect(PackedJournalEntry(entry).entry.durationMilliseconds == 0)
    }
}
