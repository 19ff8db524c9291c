import Conformance
import Foundation
import MockServer
import Testing

@testable import SessionsCLI

@Suite struct ReplayRoundTripTests {
    @Test func everyCommittedTranscriptDecodesOnTheReplaySide() throws {
        let recordings = GoldenRun.recordingsDirectory.path
        let library = try ReplayLibrary.load(from: recordings)
        let transcripts = try TranscriptSet.load(from: recordings)
        #expect(library.entries.count == transcripts.transcripts.values.reduce(0) { $0 + $1.exchanges.count })
        #expect(Set(library.entries.map(\.scenario)) == Set(transcripts.transcripts.values.map(\.scenario)))
    }

    /// The golden run, with the mock replaced by a replay of `Recordings/`, passes every
    /// scenario (mock-only ones too: in process the run still supplies their facts) and
    /// records the same transcripts back.
    @Test func aReplayedRecordingPassesTheScenariosItCameFrom() async throws {
        let player = ReplayPlayer(library: try ReplayLibrary.load(from: GoldenRun.recordingsDirectory.path))
        let again = GoldenRun.temporaryDirectory("replayed")
        defer { try? FileManager.default.removeItem(at: again) }
        let report = try await GoldenRun.record(into: again) { environment in
            MockServer.makeHandler(environment: environment, replay: player)
        }
        #expect(report.summary.failed == 0)
        #expect(report.abortedBecause == nil)
        let differences = TranscriptDiff(options: DiffOptions(exact: true)).compare(
            try TranscriptSet.load(from: GoldenRun.recordingsDirectory.path),
            try TranscriptSet.load(from: again.path))
        #expect(differences == [])
    }

    /// `sessions serve --replay Recordings` checked at `--target` as a deployment would be:
    /// nothing fails. Mock-only scenarios and the steps needing tokens only the mock's
    /// secret can make are skipped, since a target's user holds none of them.
    @Test func theReplayServedOverHTTPPassesACheckAtTarget() async throws {
        var options = MockOptions()
        options.replay = ReplaySettings(path: GoldenRun.recordingsDirectory.path)
        let server = try await MockServer.start(port: 0, options: options)
        let parsed = try ArgumentParser.parse(
            [
                "--target", server.baseURL.absoluteString, "--token", "any-token-a", "--token-b", "any-token-b",
                "--api-key", "any-key-a", "--api-key-b", "any-key-b",
            ], for: CheckCommand.spec)
        var settings = try CheckCommand.settings(from: parsed, environment: [:])
        settings.timeout = 10
        let prepared = try await PreparedCheck.prepare(settings)
        let report = try await prepared.runner.run()
        await server.stop()
        #expect(report.summary.failed == 0, "\(report.scenarios.map { "\($0.name): \($0.verdict)" })")
        #expect(report.abortedBecause == nil)
        let mockOnly = report.scenarios.filter { $0.name == "mock-rules" }
        #expect(mockOnly.count == 1 && mockOnly.allSatisfy { $0.verdict == .skipped })
        #expect(report.scenarios.filter { $0.verdict == .passed }.count > 10)
    }
}
