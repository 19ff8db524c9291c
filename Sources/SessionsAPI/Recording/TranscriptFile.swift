import Foundation

/// A transcript file of a recording: where to read it and how it is named relative to the
/// recording's root.
public struct TranscriptFile: Sendable, Equatable {
    /// A transcript larger than this is refused rather than read into memory.
    public static let maximumSize = 64 << 20

    /// The path to read: the given file, or the given directory joined with `relativePath`.
    public var path: String
    /// Relative to the given directory; the file's name when a single file was given.
    public var relativePath: String

    public init(path: String, relativePath: String) {
        self.path = path
        self.relativePath = relativePath
    }

    /// The file at `path`, or every `*.json` file below it when it is a directory
    /// (recursively, in path order: the order `sessions check` runs the scenarios in).
    public static func all(at path: String) throws(TranscriptReadError) -> [TranscriptFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .notFound(path)
        }
        guard isDirectory.boolValue else {
            return [TranscriptFile(path: path, relativePath: (path as NSString).lastPathComponent)]
        }
        var files: [TranscriptFile] = []
        let walker = FileManager.default.enumerator(atPath: path)
        while let relative = walker?.nextObject() as? String {
            guard relative.hasSuffix(".json") else { continue }
            let full = (path as NSString).appendingPathComponent(relative)
            var nested: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &nested), !nested.boolValue {
                files.append(TranscriptFile(path: full, relativePath: relative))
            }
        }
        guard !files.isEmpty else { throw .empty(path) }
        return files.sorted { $0.relativePath < $1.relativePath }
    }

    /// Reads and decodes the file, refusing one over `maximumSize` bytes. Errors name the
    /// file `name` (the caller's choice of `path` or `relativePath`) and point at the first
    /// malformed field.
    public func decode(reportedAs name: String) throws(TranscriptReadError) -> Transcript {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= Self.maximumSize else { throw .tooLarge(file: name, bytes: size) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(file: name, reason: "cannot read the file")
        }
        do {
            return try JSONDecoder().decode(Transcript.self, from: data)
        } catch let error as DecodingError {
            throw .unreadable(file: name, reason: error.pointerDescription)
        } catch {
            throw .unreadable(file: name, reason: "\(error)")
        }
    }
}
