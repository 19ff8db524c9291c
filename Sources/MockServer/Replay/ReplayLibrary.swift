import Foundation

/// Why a replay directory cannot be served. Each case names the file at fault.
public enum ReplayLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(String)
    case empty(String)
    case unreadable(file: String, reason: String)
    case tooLarge(file: String, bytes: Int)

    public var description: String {
        switch self {
        case .notFound(let path): return "no file or directory at '\(path)'"
        case .empty(let path): return "no transcripts (*.json) under '\(path)'"
        case .unreadable(let file, let reason): return "\(file): not a transcript: \(reason)"
        case .tooLarge(let file, let bytes):
            return "\(file): \(bytes) bytes is more than the \(ReplayLibrary.maximumFileSize)-byte limit"
        }
    }
}

/// A recorded exchange and where it came from, in load order.
public struct ReplayEntry: Sendable, Equatable {
    /// The transcript file, relative to the loaded directory.
    public var file: String
    public var scenario: String
    public var exchange: ReplayExchange
    /// Precomputed matching form of the recorded request.
    let pattern: ReplayRequestPattern
}

/// Every exchange of a set of transcripts, ready for matching.
public struct ReplayLibrary: Sendable {
    /// A transcript larger than this is refused rather than read into memory.
    public static let maximumFileSize = 64 << 20

    public let entries: [ReplayEntry]
    /// Indices into `entries` by `METHOD path`, in recorded order.
    let index: [String: [Int]]

    public init(transcripts: [(file: String, transcript: ReplayTranscript)]) {
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
    /// order, which is the order `sessions check` runs the scenarios in).
    public static func load(from path: String) throws(ReplayLoadError) -> ReplayLibrary {
        let root = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
            throw .notFound(path)
        }
        let files: [(relative: String, url: URL)]
        if isDirectory.boolValue {
            files = transcriptFiles(under: root)
        } else {
            files = [(root.lastPathComponent, root)]
        }
        guard !files.isEmpty else { throw .empty(path) }
        var transcripts: [(file: String, transcript: ReplayTranscript)] = []
        for (relative, url) in files {
            transcripts.append((relative, try decode(url, named: relative)))
        }
        return ReplayLibrary(transcripts: transcripts)
    }

    private static func transcriptFiles(under root: URL) -> [(relative: String, url: URL)] {
        let base = root.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var found: [(String, URL)] = []
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".json") else { continue }
            let url = URL(fileURLWithPath: base).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            else { continue }
            found.append((relative, url))
        }
        return found.sorted { $0.0 < $1.0 }
    }

    private static func decode(_ url: URL, named name: String) throws(ReplayLoadError) -> ReplayTranscript {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        guard size <= maximumFileSize else { throw .tooLarge(file: name, bytes: size) }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .unreadable(file: name, reason: "cannot read the file")
        }
        do {
            return try JSONDecoder().decode(ReplayTranscript.self, from: data)
        } catch let error as DecodingError {
            throw .unreadable(file: name, reason: describe(error))
        } catch {
            throw .unreadable(file: name, reason: "\(error)")
        }
    }

    /// `at /exchanges/3/request: missing "method"`-style text instead of the raw dump.
    private static func describe(_ error: DecodingError) -> String {
        func pointer(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "/" : path.map { "/" + ($0.intValue.map(String.init) ?? $0.stringValue) }.joined()
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "at \(pointer(context.codingPath)): missing \"\(key.stringValue)\""
        case .typeMismatch(let type, let context):
            return "at \(pointer(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "at \(pointer(context.codingPath)): expected \(type), found null"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "malformed JSON" : "at \(pointer(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
