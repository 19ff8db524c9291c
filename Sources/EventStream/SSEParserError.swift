/// Why an `SSEParser` stopped reading. Once set, the parser ignores further input: the
/// stream should be closed.
public enum SSEParserError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A single line grew past the limit (bytes) before its line end arrived.
    case lineTooLong(limit: Int)
    /// The data buffer of one event grew past the limit (bytes) before it was dispatched.
    case eventTooLarge(limit: Int)

    public var description: String {
        switch self {
        case .lineTooLong(let limit):
            return "event stream line longer than \(limit) bytes"
        case .eventTooLarge(let limit):
            return "event stream event data larger than \(limit) bytes"
        }
    }
}
