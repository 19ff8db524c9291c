import SessionsAPI

/// RFC 3339 date-times as seconds since 1970 with their fraction, so that two answers a few
/// milliseconds apart compare as different instants (`Timestamp.parse` keeps whole seconds,
/// which is all the mock writes, but a deployment may write fractions).
enum Instant {
    static func parse(_ text: String) -> Double? {
        guard let seconds = Timestamp.parse(text) else { return nil }
        return Double(seconds) + fraction(of: text)
    }

    /// The digits after the seconds' `.`, as a fraction of a second (0 when there are none).
    private static func fraction(of text: String) -> Double {
        let bytes = Array(text.utf8)
        guard bytes.count > 20, bytes[19] == UInt8(ascii: ".") else { return 0 }
        var value = 0.0
        var scale = 0.1
        for byte in bytes[20...] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { break }
            value += Double(byte - UInt8(ascii: "0")) * scale
            scale /= 10
        }
        return value
    }
}
