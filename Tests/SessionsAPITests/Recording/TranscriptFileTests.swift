import Foundation
import SessionsAPI
import Testing

@Suite struct TranscriptFileTests {
    private static let valid = #"{"scenario":"s","api":"konnect","exchanges":[]}"#

    private static func directory(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "transcripts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (name, text) in files {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }

    @Test func findsEveryJSONFileBelowADirectoryInPathOrder() throws {
        let root = try Self.directory([
            "konnect/b.json": Self.valid, "cid222/a.json": Self.valid, "notes.txt": "x",
            "dir.json/c.json": Self.valid,
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let files = try TranscriptFile.all(at: root.path)
        #expect(files.map(\.relativePath) == ["cid222/a.json", "dir.json/c.json", "konnect/b.json"])
        #expect(files.map(\.path) == files.map { root.path + "/" + $0.relativePath })
    }

    @Test func aSingleFileIsNamedByItsLastComponent() throws {
        let root = try Self.directory(["one.json": Self.valid])
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("one.json").path
        #expect(try TranscriptFile.all(at: path) == [TranscriptFile(path: path, relativePath: "one.json")])
        let transcript = try TranscriptFile(path: path, relativePath: "one.json").decode(reportedAs: "x")
        #expect(transcript == Transcript(scenario: "s", api: "konnect", exchanges: []))
    }

    @Test func missingAndEmptyPlacesAreErrors() throws {
        let root = try Self.directory(["notes.txt": "x"])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: TranscriptReadError.empty(root.path)) { try TranscriptFile.all(at: root.path) }
        #expect(throws: TranscriptReadError.notFound("/no/such/place")) {
            try TranscriptFile.all(at: "/no/such/place")
        }
        #expect(TranscriptReadError.empty("d").description == "no transcripts (*.json) under 'd'")
    }

    @Test(arguments: [
        ("", "malformed JSON"),
        ("{", "malformed JSON"),
        (#"{"scenario":"s","api":"konnect","exchanges":[{"step":"a""#, "malformed JSON"),
        (String(repeating: "[", count: 100_000), "malformed JSON"),
        (String(repeating: #"{"a":"#, count: 50_000), "malformed JSON"),
        ("\u{FEFF}\u{0}\u{1}", "malformed JSON"),
        (#"{"scenario":"s","api":"konnect"}"#, #"at /: missing "exchanges""#),
        (#"{"scenario":1,"api":"konnect","exchanges":[]}"#, "at /scenario: expected String"),
        (#"{"scenario":null,"api":"konnect","exchanges":[]}"#, "at /scenario: expected String, found null"),
        (
            #"{"scenario":"s","api":"k","exchanges":[{"step":"a","iteration":0}]}"#,
            #"at /exchanges/0: missing "request""#
        ),
    ])
    func malformedFilesAreRefusedNamingTheFileAndPlace(_ text: String, _ reason: String) throws {
        let root = try Self.directory(["bad.json": text])
        defer { try? FileManager.default.removeItem(at: root) }
        let file = TranscriptFile(
            path: root.appendingPathComponent("bad.json").path, relativePath: "bad.json")
        #expect(throws: TranscriptReadError.unreadable(file: "shown.json", reason: reason)) {
            try file.decode(reportedAs: "shown.json")
        }
    }

    @Test func anOversizedFileIsRefusedWithoutBeingRead() throws {
        let root = try Self.directory(["big.json": ""])
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("big.json").path
        // A sparse file: its size is over the limit without writing 64 MiB.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(TranscriptFile.maximumSize + 1))
        try handle.close()
        let file = TranscriptFile(path: path, relativePath: "big.json")
        #expect(throws: TranscriptReadError.tooLarge(file: "big.json", bytes: TranscriptFile.maximumSize + 1))
        {
            try file.decode(reportedAs: "big.json")
        }
        #expect(
            TranscriptReadError.tooLarge(file: "f", bytes: 9).description
                == "f: 9 bytes is more than the \(TranscriptFile.maximumSize)-byte limit")
    }

    @Test func unknownFieldsAreIgnoredAndPacingIsRead() throws {
        let text = #"""
            {"scenario":"s","api":"konnect","future":true,"exchanges":[{"step":"a","iteration":1,
            "request":{"method":"GET","target":"/v1","headers":[{"name":"A","value":"b"}]},
            "response":{"status":200,"headers":[],"chunks":["x"],"chunkOffsetsMs":[5]}}]}
            """#
        let root = try Self.directory(["t.json": text])
        defer { try? FileManager.default.removeItem(at: root) }
        let transcript = try TranscriptFile.all(at: root.path)[0].decode(reportedAs: "t.json")
        let exchange = try #require(transcript.exchanges.first)
        #expect(exchange.request.headers == [WireHeader(name: "A", value: "b")])
        #expect(exchange.response?.chunks == ["x"])
        #expect(exchange.response?.chunkOffsetsMs == [5])
        #expect(exchange.error == nil)
    }
}
