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
        appendJSONString(text, to: &out)
        out += #","type":"text_delta"},"index":0,"type":"content_block_delta"}"#.utf8
        out += [ASCIIByte.lf, ASCIIByte.lf]
        return out
    }

    /// `text` as a JSON string, escaped as `WireJSON` escapes it: quote, backslash and control
    /// characters; `/` and everything else (non-ASCII too) as is.
    static func appendJSONString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array(#"\u00"#.utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private enum ASCIIByte {
        static let lf: UInt8 = 0x0A
    }

    /// The stream's last line.
    static let done = SSEEncoder.event(data: "[DONE]")
}
