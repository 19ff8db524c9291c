import Conformance
import Foundation
import SessionsAPI
import Testing

@Suite struct TranscriptDiffTests {
    private func committed() throws -> TranscriptSet {
        try TranscriptSet.load(from: CommittedRecordings.directory.path)
    }

    private func transcript(_ exchanges: String) throws -> Transcript {
        try JSONDecoder().decode(
            Transcript.self, from: Data(#"{"scenario":"s","api":"konnect","exchanges":[\#(exchanges)]}"#.utf8)
        )
    }

    private func exchange(_ target: String, status: Int = 200, body: String, events: String? = nil) -> String
    {
        let quoted = String(decoding: (try? JSONEncoder().encode(body)) ?? Data(), as: UTF8.self)
        let eventsField = events.map { #","events":\#($0)"# } ?? ""
        return
            #"{"step":"get","iteration":0,"request":{"method":"GET","target":"\#(target)","headers":[]},"response":{"status":\#(status),"headers":[{"name":"Date","value":"now"}],"body":\#(quoted)\#(eventsField)}}"#
    }

    @Test func aRecordingEqualsItself() throws {
        let set = try committed()
        #expect(TranscriptDiff().compare(set, set) == [])
        #expect(TranscriptDiff(options: DiffOptions(exact: true)).compare(set, set) == [])
    }

    @Test func anAlteredCopyNamesScenarioStepAndWhat() throws {
        let original = try committed()
        var altered = original
        var patch = try #require(altered.transcripts["konnect/patch"])
        patch.exchanges[0].response?.status = 500
        altered.transcripts["konnect/patch"] = patch
        altered.transcripts["cid222/list"] = nil
        let differences = TranscriptDiff().compare(original, altered)
        #expect(
            differences == [
                TranscriptDifference(scenario: "cid222/list", what: "scenario", a: "recorded", b: "absent"),
                TranscriptDifference(
                    scenario: "konnect/patch", step: patch.exchanges[0].step, iteration: 0, what: "status",
                    a: "\(original.transcripts["konnect/patch"]?.exchanges[0].response?.status ?? 0)",
                    b: "500"),
            ])
    }

    @Test func idsTimesAndCredentialsDoNotCountButASwappedIdDoes() throws {
        let one = "11111111-2222-4333-8444-555555555555"
        let two = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"
        let a = try transcript(
            exchange(
                "/sessions/\(one)", body: #"{"id":"\#(one)","other":"\#(two)","at":"2026-01-15T10:30:00Z"}"#))
        let three = "99999999-8888-4777-8666-555555555555"
        let b = try transcript(
            exchange(
                "/sessions/\(three)",
                body: #"{"id":"\#(three)","other":"\#(one)","at":"2030-02-01T00:00:00Z"}"#))
        #expect(TranscriptDiff().compare(a, b) == [])
        let swapped = try transcript(
            exchange(
                "/sessions/\(one)", body: #"{"id":"\#(two)","other":"\#(one)","at":"2026-01-15T10:30:00Z"}"#))
        let differences = TranscriptDiff().compare(a, swapped)
        #expect(differences.map(\.what) == ["body /id", "body /other"])
        #expect(differences.first?.a == #""<uuid#1>""#)
        #expect(differences.first?.b == #""<uuid#2>""#)
    }

    @Test func credentialPlaceholdersAndKeysNormalizeAlike() {
        var text = VolatileText()
        #expect(text.normalize("Bearer $SESSIONS_TOKEN") == "Bearer <credential>")
        #expect(text.normalize("Bearer <forged $SESSIONS_TOKEN>") == "Bearer <credential>")
        #expect(
            text.normalize("key sk_test_abc_123 and eyJhbGc.eyJzdWI.c2ln")
                == "key <credential> and <credential>")
        #expect(
            text.normalize("msg_ABCDEFGHIJKLMNOPQRSTUVWX msg_ABCDEFGHIJKLMNOPQRSTUVWX") == "<msg#1> <msg#1>")
        #expect(text.normalize("msg_short") == "msg_short")
    }

    @Test func modelOutputIsComparedByTypeUnlessExact() throws {
        let a = try transcript(
            exchange(
                "/x", body: #"{"role":"assistant","content":"Hello.","usage":{"total_tokens":3}}"#,
                events:
                    #"[{"type":"message","data":"{\"type\":\"delta\",\"text\":\"a\"}"},{"type":"message","data":"[DONE]"}]"#
            ))
        let b = try transcript(
            exchange(
                "/x", body: #"{"role":"assistant","content":"Other words.","usage":{"total_tokens":9}}"#,
                events:
                    #"[{"type":"message","data":"{\"type\":\"delta\",\"text\":\"b\"}"},{"type":"message","data":"{\"type\":\"delta\",\"text\":\"c\"}"},{"type":"message","data":"[DONE]"}]"#
            ))
        #expect(TranscriptDiff().compare(a, b) == [])
        let exact = TranscriptDiff(options: DiffOptions(exact: true)).compare(a, b).map(\.what)
        #expect(exact == ["body /content", "body /usage/total_tokens", "events"])
        let user = try transcript(exchange("/x", body: #"{"role":"user","content":"Hello."}"#))
        let otherUser = try transcript(exchange("/x", body: #"{"role":"user","content":"Bye."}"#))
        #expect(TranscriptDiff().compare(user, otherUser).map(\.what) == ["body /content"])
    }

    @Test func aDifferentEventSequenceIsNamed() throws {
        let a = try transcript(
            exchange("/x", body: "", events: #"[{"type":"message","data":"{\"type\":\"message_stop\"}"}]"#))
        let b = try transcript(exchange("/x", body: "", events: #"[{"type":"message","data":"[DONE]"}]"#))
        let differences = TranscriptDiff().compare(a, b)
        #expect(differences.map(\.what) == ["events"])
        #expect(differences.first?.a == "message_stop (runs collapsed)")
        #expect(differences.first?.b == "[DONE] (runs collapsed)")
    }

    @Test func reportGroupsByScenarioAndSummarizes() {
        let text = DiffReport.render(
            [
                TranscriptDifference(
                    scenario: "konnect/patch", step: "rename", iteration: 1, what: "status", a: "200",
                    b: "400"),
                TranscriptDifference(scenario: "konnect/patch", what: "scenario", a: "recorded", b: "absent"),
            ], scenarios: 3)
        #expect(
            text == """
                konnect/patch
                  step "rename" #1: status: A 200, B 400
                  scenario: A recorded, B absent

                2 differences in 1 of 3 scenarios.

                """)
        #expect(DiffReport.render([], scenarios: 3) == "No differences in 3 scenarios.\n")
    }

    @Test func unreadableInputIsAnErrorNamingTheFile() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: TranscriptReadError.empty(root.path)) { try TranscriptSet.load(from: root.path) }
        let bad = root.appendingPathComponent("bad.json")
        for text in ["{", #"{"scenario":1}"#, String(repeating: "{\"a\":", count: 50_000)] {
            try Data(text.utf8).write(to: bad)
            do {
                _ = try TranscriptSet.load(from: root.path)
                Issue.record("expected an error")
            } catch {
                #expect(error.description.hasPrefix(bad.path + ": not a transcript"))
            }
        }
    }
}
