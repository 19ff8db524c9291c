import EventStream
import SessionsAPI

/// CID222 frames every event as one `data:` line and a blank line, with no `event:` field.
/// JSON from `WireJSON` holds no raw line breaks, so `SSEEncoder` writes one line for it.
enum SSEFraming {
    static func event<T: Encodable>(_ value: T) -> [UInt8] {
        SSEEncoder.event(data: String(decoding: WireJSON.encode(value), as: UTF8.self))
    }

    /// The stream's last line.
    static let done = SSEEncoder.event(data: "[DONE]")
}
