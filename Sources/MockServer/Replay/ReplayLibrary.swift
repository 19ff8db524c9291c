import SessionsAPI

/// A recorded exchange and where it came from, in load order.
public struct ReplayEntry: Sendable, Equatable {
    /// The transcript file, relative to the loaded directory.
    public var file: String
    public var scenario: String
    public var exchange: RecordedExchange
    /// Precomputed matching form of the recorded request.
    let pattern: ReplayRequestPattern
}

/// Every exchange of a set of transcripts, ready for matching.
public struct ReplayLibrary: Sendable {
    public let entries: [ReplayEntry]
    /// Indices into `entries` by `METHOD path`, in recorded order.
    let index: [String: [Int]]

    public init(transcripts: [(file: String, transcript: Transcript)]) {
        var entries: [ReplayEntry] = []
        var index: [String: [Int]] = [:]
        for (file, transcript) in transcripts {
            for exchange in transcript.exchanges {
                let pattern = ReplayRequestPattern(recorded: exchange.request)
                index[pattern.routeKey, default: []].append(entries.count)
                entries.append(
                    ReplayEntry(
                        file: file, scenario: transcript.scenario, exchange: exchange, pattern: pattern))
            }
        }
        self.entries = entries
        self.index = index
    }

    /// Loads one transcript file, or every `*.json` below a directory (recursively, in path
    /// order, which is the order `sessions check` runs the scenarios in). Entries and errors
    /// name a file relative to the directory.
    public static func load(from path: String) throws(TranscriptReadError) -> ReplayLibrary {
        var transcripts: [(file: String, transcript: Transcript)] = []
        for file in try TranscriptFile.all(at: path) {
            transcripts.append((file.relativePath, try file.decode(reportedAs: file.relativePath)))
        }
        return ReplayLibrary(transcripts: transcripts)
    }
}
