/// Why a recording cannot be read. Each case names the path or file at fault.
public enum TranscriptReadError: Error, Sendable, Equatable, CustomStringConvertible {
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
            return "\(file): \(bytes) bytes is more than the \(TranscriptFile.maximumSize)-byte limit"
        }
    }
}
