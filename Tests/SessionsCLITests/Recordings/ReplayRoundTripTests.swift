import Conformance
import Foundation
import MockServer
import SessionsAPI
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
    /// nothing fails or warns. The replay compares no credential but answers a request with
    /// the first unserved recorded match, so the check must send every request the
    /// recording holds: all identities are given (JWT-shaped, since the alg-none variant is
    /// derived from a's token; the replay verifies no signature). Only mock-only scenarios
    /// are skipped, as they check the built-in mock's own choices; their unserved exchanges
    /// match no later request, which this test would show by a deviation.
    @Test func theReplayServedOverHTTPPassesACheckAtTarget() async throws {
        var options = MockOptions()
        options.replay = ReplaySettings(path: GoldenRun.recordingsDirectory.path)
        let server = try await MockServer.start(port: 0, options: options)
        func jwt(_ tenant: String, lasting ttl: Int64) -> String {
            JWTMinter.mint(tenant: tenant, user: "u", ttl: ttl, secret: "not-the-mocks", now: 1_700_000_000)
        }
        let parsed = try OptionParser.parse(
            [
                "--target", server.baseURL.absoluteString, "--token", jwt("a", lasting: 3600),
                "--token-b", jwt("b", lasting: 3600), "--expired-token", jwt("a", lasting: 60),
                "--api-key", "any-key-a", "--api-key-b", "any-key-b",
            ], for: CheckCommand.spec)
        var settings = try CheckCommand.settings(from: parsed, environment: [:])
        settings.timeout = 60
        let prepared = try await PreparedCheck.prepare(settings)
        let report = try await prepared.runner.run()
        await server.stop()
        let deviations = report.requirements.flatMap(\.deviations).map {
            "\($0.requirement) in \($0.scenario)/\($0.step): expected \($0.expected), got \($0.actual)"
        }
        #expect(report.summary.failed == 0, "\(deviations)")
        #expect(report.summary.warned == 0, "\(deviations)")
        #expect(report.abortedBecause == nil)
        let skipped = report.scenarios.filter { $0.verdict == .skipped }.map(\.name)
        #expect(skipped == ["mock-rules"])
        #expect(report.scenarios.filter { $0.verdict == .passed }.count == report.scenarios.count - 1)
    }
}
