import SessionsAPI

/// CID222 frames every event as one `data:` line and a blank line, with no `event:` field.
/// JSON from `WireJSON` holds no raw line breaks, so one line always suffices.
enum SSEFraming {
    static func data(_ payload: [UInt8]) -> [UInt8] {
        Array("data: ".utf8) + payload + [0x0A, 0x0A]
    }

    static func event<T: Encodable>(_ value: T) -> [UInt8] {
        data(WireJSON.encode(value))
    }

    /// The stream's last line.
    static let done = data(Array("[DONE]".utf8))
}
