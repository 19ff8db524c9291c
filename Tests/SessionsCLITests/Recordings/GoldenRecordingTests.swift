import Conformance
import Foundation
import Testing

@testable import SessionsCLI

/// `Recordings/` must equal, byte for byte, what `Recordings/regenerate.sh` (`sessions check
/// --seed 42 --clock … --record Recordings`) writes. To accept a change of behaviour, run
/// the script and review the diff of `Recordings/` like any other change.
@Suite(.serialized) struct GoldenRecordingTests {
    @Test func committedRecordingsEqualAFreshRun() async throws {
        let fresh = GoldenRun.temporaryDirectory("golden")
        defer { try? FileManager.default.removeItem(at: fresh) }
        let report = try await GoldenRun.record(into: fresh)
        #expect(report.summary.failed == 0)
        #expect(
            report.scenarios.allSatisfy { $0.verdict == .passed },
            "\(report.scenarios.map { "\($0.name): \($0.verdict)" })")
        let problems = try GoldenComparison.compare(committed: GoldenRun.recordingsDirectory, fresh: fresh)
        #expect(
            problems.isEmpty,
            "Recordings/ differ from a fresh run; if the change is intended, run Recordings/regenerate.sh\n\(problems.joined(separator: "\n"))"
        )
    }

    /// The script and this test must run the same command, or the test guards nothing.
    @Test func theRegenerateScriptRunsTheCheckCommandWithTheGoldenArguments() throws {
        let script = GoldenRun.recordingsDirectory.appendingPathComponent("regenerate.sh")
        let text = try String(contentsOf: script, encoding: .utf8)
        let command =
            (["swift", "run", "sessions", "check"] + GoldenRun.arguments + ["--record", "Recordings"])
            .joined(separator: " ")
        #expect(text.split(separator: "\n").contains { $0 == command }, "\(text)")
    }

    @Test func mockOnlyScenariosAreRecorded() {
        let file = GoldenRun.recordingsDirectory.appendingPathComponent("cid222/mock-rules.json")
        #expect(FileManager.default.fileExists(atPath: file.path))
    }

    @Test func twoRunsWithTheSameSeedAndClockAreIdentical() async throws {
        let first = GoldenRun.temporaryDirectory("first")
        let second = GoldenRun.temporaryDirectory("second")
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        let only = ["--api", "konnect", "--scenario", "pagination"]
        try await GoldenRun.record(into: first, extra: only)
        try await GoldenRun.record(into: second, extra: only)
        #expect(try GoldenComparison.compare(committed: first, fresh: second) == [])
        #expect(
            FileManager.default.fileExists(
                atPath: first.appendingPathComponent("konnect/pagination.json").path))
    }

    @Test func anotherSeedChangesIdsButNotStructure() async throws {
        let other = GoldenRun.temporaryDirectory("seed7")
        defer { try? FileManager.default.removeItem(at: other) }
        try await GoldenRun.record(into: other, extra: ["--seed", "7"])
        let bytes = try GoldenComparison.compare(committed: GoldenRun.recordingsDirectory, fresh: other)
        #expect(!bytes.isEmpty, "a different seed must change the recorded ids")
        let differences = TranscriptDiff().compare(
            try TranscriptSet.load(from: GoldenRun.recordingsDirectory.path),
            try TranscriptSet.load(from: other.path))
        #expect(differences == [])
    }

    @Test func theComparisonNamesTheFileAndTheFirstDifferentLine() throws {
        let a = GoldenRun.temporaryDirectory("a")
        let b = GoldenRun.temporaryDirectory("b")
        defer {
            try? FileManager.default.removeItem(at: a)
            try? FileManager.default.removeItem(at: b)
        }
        for (root, text) in [(a, "one\ntwo\nthree\n"), (b, "one\nTWO\nthree\n")] {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent("konnect"), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: root.appendingPathComponent("konnect/x.json"))
        }
        try Data("{}".utf8).write(to: b.appendingPathComponent("konnect/extra.json"))
        try Data("{}".utf8).write(to: a.appendingPathComponent("konnect/gone.json"))
        let problems = try GoldenComparison.compare(committed: a, fresh: b)
        #expect(
            problems == [
                "konnect/extra.json: produced by the run but not committed",
                "konnect/gone.json: committed but not produced by the run",
                "konnect/x.json:2: committed \"two\", fresh run \"TWO\"",
            ])
    }
}
