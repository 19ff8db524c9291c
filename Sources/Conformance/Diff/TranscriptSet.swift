import SessionsAPI

/// The transcripts of one recording, keyed by `api/scenario`.
public struct TranscriptSet: Sendable {
    public var transcripts: [String: Transcript]

    public init(_ transcripts: [Transcript]) {
        var byKey: [String: Transcript] = [:]
        for transcript in transcripts { byKey[Self.key(transcript)] = transcript }
        self.transcripts = byKey
    }

    public static func key(_ transcript: Transcript) -> String {
        transcript.api + "/" + transcript.scenario
    }

    /// One transcript file, or every `*.json` below a directory (recursively). Errors name a
    /// file by its full path, as `sessions diff` reads two recordings.
    public static func load(from path: String) throws(TranscriptReadError) -> TranscriptSet {
        var transcripts: [Transcript] = []
        for file in try TranscriptFile.all(at: path) {
            transcripts.append(try file.decode(reportedAs: file.path))
        }
        return TranscriptSet(transcripts)
    }
}
