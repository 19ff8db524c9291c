import Foundation
import MockServer
import SessionsAPI
import Testing

@Suite struct ReplayLoadingTests {
    private let valid = ReplayFixture.transcript(
        "ok",
        [ReplayFixture.exchange(step: "s", method: "GET", target: "/v1/sessions", status: 200, body: "{}")])

    @Test func loadsEveryTranscriptBelowADirectoryInPathOrder() throws {
        let root = try ReplayFixture.temporaryDirectory(files: [
            "konnect/b.json": valid, "cid222/a.json": valid, "notes.txt": "ignored",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let library = try ReplayLibrary.load(from: root.path)
        #expect(library.entries.map(\.file) == ["cid222/a.json", "konnect/b.json"])
    }

    @Test func loadsASingleFile() throws {
        let root = try ReplayFixture.temporaryDirectory(files: ["one.json": valid])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try ReplayLibrary.load(from: root.appendingPathComponent("one.json").path).entries.count == 1)
    }

    @Test(arguments: [
        ("{", "malformed JSON"),
        ("", "malformed JSON"),
        (#"{"scenario":"x","api":"konnect"}"#, #"missing "exchanges""#),
        (
            #"{"scenario":"x","api":"konnect","exchanges":[{"step":"s","iteration":0}]}"#,
            #"at /exchanges/0: missing "request""#
        ),
        (
            #"{"scenario":"x","api":"konnect","exchanges":[{"step":"s","iteration":"0","request":{}}]}"#,
            "at /exchanges/0/iteration"
        ),
        (String(repeating: "[", count: 100_000), "malformed JSON"),
    ])
    func malformedTranscriptsAreRefusedNamingTheFile(_ text: String, _ reason: String) throws {
        let root = try ReplayFixture.temporaryDirectory(files: ["good.json": valid, "bad.json": text])
        defer { try? FileManager.default.removeItem(at: root) }
        do {
            _ = try ReplayLibrary.load(from: root.path)
            Issue.record("expected an error for \(text.prefix(40))")
        } catch {
            #expect(error.description.hasPrefix("bad.json: not a transcript"))
            #expect(error.description.contains(reason), "\(error.description)")
        }
    }

    @Test func emptyAndMissingDirectoriesAreErrors() throws {
        let root = try ReplayFixture.temporaryDirectory(files: [:])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: TranscriptReadError.empty(root.path)) { try ReplayLibrary.load(from: root.path) }
        #expect(throws: TranscriptReadError.notFound("/no/such/dir")) {
            try ReplayLibrary.load(from: "/no/such/dir")
        }
    }
}
