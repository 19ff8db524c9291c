/// Writes events and comments in the `text/event-stream` format.
///
/// The output is deterministic: fields come in the order `event`, `id`, `retry`, `data`, each
/// as `name: value` (a field with an empty value is written as `name:`), and every event ends
/// with a blank line, so an `SSEParser` dispatches it as soon as it is read.
public enum SSEEncoder {
    /// Encodes one event.
    ///
    /// - Parameters:
    ///   - data: The payload. A CR, LF or CRLF inside it starts a new `data:` line, so the
    ///     parser gives back the text with LF line ends.
    ///   - type: The `event` field; omitted when `nil` or empty. CR, LF and NUL are dropped
    ///     because they would break the line or be ignored by the reader.
    ///   - id: The `id` field; omitted when `nil`, written empty (which resets the reader's
    ///     last event ID) when `""`. CR, LF and NUL are dropped for the same reason.
    ///   - retry: The `retry` field in milliseconds; omitted when `nil` or negative, because a
    ///     reader ignores anything but ASCII digits.
    /// - Returns: The UTF-8 bytes of the event, ending with a blank line.
    public static func event(
        data: String, type: String? = nil, id: String? = nil, retry: Int? = nil
    ) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.utf8.count + 16)
        if let type {
            let clean = sanitized(type)
            if !clean.isEmpty { appendField("event", clean, to: &out) }
        }
        if let id { appendField("id", sanitized(id), to: &out) }
        if let retry, retry >= 0 { appendField("retry", String(retry), to: &out) }
        for line in lines(of: data) { appendField("data", line, to: &out) }
        out.append(lineFeed)
        return out
    }

    /// Encodes a comment, which readers ignore: the usual keep-alive heartbeat.
    ///
    /// - Parameter text: The comment text; each of its lines becomes one `: line` line.
    /// - Returns: The comment lines followed by a blank line.
    public static func comment(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        for line in lines(of: text) {
            out.append(colon)
            if !line.isEmpty {
                out.append(space)
                out.append(contentsOf: line.utf8)
            }
            out.append(lineFeed)
        }
        out.append(lineFeed)
        return out
    }

    private static let lineFeed: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D
    private static let colon: UInt8 = 0x3A
    private static let space: UInt8 = 0x20

    private static func appendField(_ name: String, _ value: String, to out: inout [UInt8]) {
        out.append(contentsOf: name.utf8)
        out.append(colon)
        if !value.isEmpty {
            out.append(space)
            out.append(contentsOf: value.utf8)
        }
        out.append(lineFeed)
    }

    /// Splits on CR, LF and CRLF, as the reader does; the text "" is one empty line.
    static func lines(of text: String) -> [String] {
        var result: [String] = []
        var current: [UInt8] = []
        var previousWasCR = false
        for byte in text.utf8 {
            if byte == lineFeed && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = byte == carriageReturn
            if byte == lineFeed || byte == carriageReturn {
                result.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            } else {
                current.append(byte)
            }
        }
        result.append(String(decoding: current, as: UTF8.self))
        return result
    }

    private static func sanitized(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter { $0 != "\r" && $0 != "\n" && $0 != "\0" })
        return String(scalars)
    }
}
