import Conformance
import Foundation
import MockServer
import Testing

@Suite struct ReplayRoundTripTests {
    @Test func everyCommittedTranscriptDecodesOnTheReplaySide() throws {
        let recordings = GoldenRun.recordingsDirectory.path
        let library = try ReplayLibrary.load(from: recordings)
        let transcripts = try TranscriptSet.load(from: recordings)
        #expect(library.entries.count == transcripts.transcripts.values.reduce(0) { $0 + $1.exchanges.count })
        #expect(Set(library.entries.map(\.scenario)) == Set(transcripts.transcripts.values.map(\.scenario)))
    }

    /// The scenarios pass against the replay of their own recording, and recording that
    /// replay gives the same transcripts back.
    @Test func aReplayedRecordingPassesTheScenariosItCameFrom() async throws {
        let player = ReplayPlayer(library: try ReplayLibrary.load(from: GoldenRun.recordingsDirectory.path))
        let handler = MockServer.makeHandler(
            environment: MockEnvironment(options: MockOptions()), replay: player)
        let again = FileManager.default.temporaryDirectory.appendingPathComponent(
            "replayed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: again) }
        let report = try await GoldenRun.record(into: again, transport: InProcessTransport(handler: handler))
        #expect(report.summary.failed == 0)
        #expect(report.abortedBecause == nil)
        let differences = TranscriptDiff(options: DiffOptions(exact: true)).compare(
            try TranscriptSet.load(from: GoldenRun.recordingsDirectory.path),
            try TranscriptSet.load(from: again.path))
        #expect(differences == [])
    }
}
