import EventStream
import SessionsAPI

/// CID222 frames every event as one `data:` line and a blank line, with no `event:` field.
/// JSON from `WireJSON` holds no raw line breaks, so `SSEEncoder` writes one line for it.
enum SSEFraming {
    static func event<T: Encodable>(_ value: T) -> [UInt8] {
        data(WireJSON.encode(value))
    }

    /// An event whose payload is already encoded (scripted extra events use this).
    static func data(_ payload: [UInt8]) -> [UInt8] {
        SSEEncoder.event(data: String(decoding: payload, as: UTF8.self))
    }

    /// The stream's last line.
    static let done = SSEEncoder.event(data: "[DONE]")
}
