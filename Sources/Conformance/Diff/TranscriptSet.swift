import Foundation

/// Why `sessions diff` cannot read one side.
public enum TranscriptSetError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(String)
    case empty(String)
    case unreadable(file: String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let path): return "no file or directory at '\(path)'"
        case .empty(let path): return "no transcripts (*.json) under '\(path)'"
        case .unreadable(let file, let reason): return "\(file): not a transcript: \(reason)"
        }
    }
}

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

    /// A transcript larger than this is refused rather than read into memory.
    public static let maximumFileSize = 64 << 20

    /// One transcript file, or every `*.json` below a directory (recursively).
    public static func load(from path: String) throws(TranscriptSetError) -> TranscriptSet {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .notFound(path)
        }
        var files: [String] = []
        if isDirectory.boolValue {
            let walker = FileManager.default.enumerator(atPath: path)
            while let relative = walker?.nextObject() as? String {
                guard relative.hasSuffix(".json") else { continue }
                let full = (path as NSString).appendingPathComponent(relative)
                var nested: ObjCBool = false
                if FileManager.default.fileExists(atPath: full, isDirectory: &nested), !nested.boolValue {
                    files.append(full)
                }
            }
        } else {
            files = [path]
        }
        guard !files.isEmpty else { throw .empty(path) }
        var transcripts: [Transcript] = []
        for file in files.sorted() {
            transcripts.append(try decode(file))
        }
        return TranscriptSet(transcripts)
    }

    private static func decode(_ file: String) throws(TranscriptSetError) -> Transcript {
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        guard size <= maximumFileSize else {
            throw .unreadable(
                file: file, reason: "\(size) bytes is more than the \(maximumFileSize)-byte limit")
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw .unreadable(file: file, reason: "cannot read the file")
        }
        do {
            return try JSONDecoder().decode(Transcript.self, from: data)
        } catch let error as DecodingError {
            throw .unreadable(file: file, reason: Self.describe(error))
        } catch {
            throw .unreadable(file: file, reason: "\(error)")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func pointer(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "/" : path.map { "/" + ($0.intValue.map(String.init) ?? $0.stringValue) }.joined()
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "at \(pointer(context.codingPath)): missing \"\(key.stringValue)\""
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "at \(pointer(context.codingPath)): expected \(type)"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "malformed JSON" : "at \(pointer(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
