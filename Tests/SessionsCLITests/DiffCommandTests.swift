import Foundation
import MockServer
import Testing

@testable import SessionsCLI

@Suite("sessions diff")
struct DiffCommandTests {
    private func settings(_ arguments: [String]) throws(UsageError) -> DiffSettings {
        try DiffCommand.settings(from: try OptionParser.parse(arguments, for: DiffCommand.spec))
    }

    /// A folder with one transcript whose single exchange answered `status`.
    private func recording(status: Int) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "diffcli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("konnect"), withIntermediateDirectories: true)
        let text =
            #"{"scenario":"patch","api":"konnect","exchanges":[{"step":"rename","iteration":0,"request":{"method":"PATCH","target":"/v1/sessions/sess_abcdefghijklmnopqrstuvwx","headers":[]},"response":{"status":\#(status),"headers":[],"body":"{}"}}]}"#
        try Data(text.utf8).write(to: root.appendingPathComponent("konnect/patch.json"))
        return root
    }

    @Test func parsesTwoPathsAndTheExactFlag() throws {
        #expect(try settings(["a", "b"]) == DiffSettings(a: "a", b: "b", exact: false))
        #expect(try settings(["--exact", "a", "b"]) == DiffSettings(a: "a", b: "b", exact: true))
    }

    @Test(arguments: [
        ([], "Missing expected argument '<a>'"), (["a"], "Missing expected argument '<b>'"),
        (["a", "b", "c"], "Unexpected argument 'c'"), (["", "b"], "An empty path is not a recording"),
    ])
    func wrongArgumentsAreUsageErrors(_ arguments: [String], _ message: String) {
        #expect(throws: UsageError(message)) { try settings(arguments) }
    }

    @Test func unknownOptionExits2WithTheUsageLine() {
        guard case .output(_, let err, let status) = SessionsCommand.resolve(["diff", "--exakt", "a", "b"])
        else {
            Issue.record("expected usage output")
            return
        }
        #expect(status == 2)
        #expect(err.contains("See 'sessions diff --help'."))
    }

    @Test func equalRecordingsExit0() throws {
        let a = try recording(status: 200)
        let b = try recording(status: 200)
        defer {
            try? FileManager.default.removeItem(at: a)
            try? FileManager.default.removeItem(at: b)
        }
        let result = DiffCommand.run(DiffSettings(a: a.path, b: b.path, exact: false))
        #expect(result.status == 0)
        #expect(result.stdout == "No differences in 1 scenarios.\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func differentRecordingsExit1AndSayWhere() throws {
        let a = try recording(status: 200)
        let b = try recording(status: 400)
        defer {
            try? FileManager.default.removeItem(at: a)
            try? FileManager.default.removeItem(at: b)
        }
        let result = DiffCommand.run(DiffSettings(a: a.path, b: b.path, exact: false))
        #expect(result.status == 1)
        #expect(
            result.stdout == """
                konnect/patch
                  step "rename": status: A 200, B 400

                1 difference in 1 of 1 scenarios.

                """)
    }

    @Test func unreadableSidesExit2NamingThePath() throws {
        let a = try recording(status: 200)
        defer { try? FileManager.default.removeItem(at: a) }
        let result = DiffCommand.run(DiffSettings(a: a.path, b: "/no/such/recording", exact: false))
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "Error: no file or directory at '/no/such/recording'\n")
    }

    @Test func helpExplainsWhatIsIgnoredAndTheExitStatuses() {
        guard case .output(let out, _, let status) = SessionsCommand.resolve(["diff", "--help"]) else {
            Issue.record("expected help")
            return
        }
        #expect(status == 0)
        #expect(out.hasPrefix("OVERVIEW: Compare two recordings"))
        #expect(out.contains("--exact"))
        #expect(out.contains("Exits 0 when equal, 1 when different, 2 when a side"))
    }

    @Test func serveAcceptsReplayOptions() throws {
        let parsed = try OptionParser.parse(
            ["--replay", "Recordings", "--replay-speed", "2.5"], for: ServeCommand.spec)
        let serve = try ServeCommand.settings(from: parsed, environment: [:])
        #expect(serve.options.replay == ReplaySettings(path: "Recordings", speed: 2.5))
        let plain = try ServeCommand.settings(
            from: try OptionParser.parse([], for: ServeCommand.spec), environment: [:])
        #expect(plain.options.replay == nil)
    }

    @Test(arguments: [
        ["--replay-speed", "0", "--replay", "d"], ["--replay-speed", "fast", "--replay", "d"],
        ["--replay-speed", "2"], ["--replay="],
    ])
    func badReplayOptionsAreUsageErrors(_ arguments: [String]) throws {
        let parsed = try OptionParser.parse(arguments, for: ServeCommand.spec)
        #expect(throws: UsageError.self) { try ServeCommand.settings(from: parsed, environment: [:]) }
    }
}
