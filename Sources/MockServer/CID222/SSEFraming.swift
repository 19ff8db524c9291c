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

    /// A reply piece: the `content_block_delta` event `event(CID222ContentBlockDelta(text:))`
    /// gives, byte for byte, written directly. A turn has a dozen of these, and JSONEncoder
    /// was a seventh of a send's time.
    static func delta(_ text: String) -> [UInt8] {
        var out = Array(#"data: {"delta":{"text":"#.utf8)
        out.reserveCapacity(out.count + text.utf8.count + 64)
        WireJSON.appendString(text, to: &out)
        out += #","type":"text_delta"},"index":0,"type":"content_block_delta"}"#.utf8
        out += Array("\n\n".utf8)
        return out
    }

    /// The stream's last line.
    static let done = SSEEncoder.event(data: "[DONE]")
}
