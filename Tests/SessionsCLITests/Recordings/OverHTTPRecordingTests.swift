import Conformance
import Foundation
import SessionsAPI
import Testing

@testable import SessionsCLI

/// `--over-http` reaches the same mock through the HTTP server and URLSession: only the
/// stream chunk boundaries (which TCP decides) may differ from the in-process transcripts,
/// never a header or a byte of any body.
@Suite struct OverHTTPRecordingTests {
    /// Konnect answers without streams, so there only headers and bodies are compared.
    @Test(arguments: [
        (["--api", "konnect", "--scenario", "chat"], false),
        (["--api", "cid222", "--scenario", "send"], true),
    ])
    func transcriptsOverASocketDifferOnlyInChunking(_ only: [String], streams expectsStreams: Bool)
        async throws
    {
        let inProcess = GoldenRun.temporaryDirectory("in-process")
        let overHTTP = GoldenRun.temporaryDirectory("over-http")
        defer {
            try? FileManager.default.removeItem(at: inProcess)
            try? FileManager.default.removeItem(at: overHTTP)
        }
        let direct = try await GoldenRun.record(into: inProcess, extra: only)
        let socket = try await GoldenRun.record(into: overHTTP, extra: only + ["--over-http"])
        #expect(direct.summary.failed == 0)
        #expect(socket.summary.failed == 0)
        let left = try TranscriptSet.load(from: inProcess.path)
        let right = try TranscriptSet.load(from: overHTTP.path)
        #expect(!left.transcripts.isEmpty)
        #expect(Set(left.transcripts.keys) == Set(right.transcripts.keys))
        var streams = 0
        for (key, transcript) in left.transcripts {
            let other = try #require(right.transcripts[key])
            streams += transcript.exchanges.filter { $0.response?.chunks != nil }.count
            #expect(Self.unchunked(transcript) == Self.unchunked(other), "\(key)")
            for exchange in other.exchanges {
                let names = Set(exchange.response?.headers.map { $0.name.lowercased() } ?? [])
                #expect(names.isDisjoint(with: EndToEndHeaders.transportFieldNames), "\(names)")
            }
        }
        #expect((streams > 0) == expectsStreams, "\(streams) streamed answers")
    }

    /// The transcript with each stream's chunks joined into one.
    private static func unchunked(_ transcript: Transcript) -> Transcript {
        var copy = transcript
        for index in copy.exchanges.indices {
            if let chunks = copy.exchanges[index].response?.chunks {
                copy.exchanges[index].response?.chunks = [chunks.joined()]
            }
        }
        return copy
    }
}
