/// The syntax of a `Host` field value: `uri-host [ ":" port ]` (RFC 9110 §7.2, RFC 3986 §3.2).
enum HostField {
    /// reg-name bytes: unreserved, sub-delims and `%` of pct-encoded.
    private static let isRegNameByte: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for b in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(b)] = true }
        for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(b)] = true }
        for b in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(b)] = true }
        for c in "-._~!$&'()*+,;=%".utf8 { table[Int(c)] = true }
        return table
    }()

    /// Whether `value` is a valid Host field value; an empty one is allowed (RFC 9112 §3.2).
    static func isValid(_ value: String) -> Bool {
        var bytes = Substring(value).utf8[...]
        if bytes.first == UInt8(ascii: "[") {
            // IP-literal: hex digits, colons and dots of IPv6, or the letters of IPvFuture.
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")) else { return false }
            let literal = bytes[bytes.index(after: bytes.startIndex)..<close]
            guard !literal.isEmpty, literal.allSatisfy({ isRegNameByte[Int($0)] || $0 == UInt8(ascii: ":") })
            else { return false }
            bytes = bytes[bytes.index(after: close)...]
        } else {
            let end = bytes.firstIndex(of: UInt8(ascii: ":")) ?? bytes.endIndex
            guard bytes[..<end].allSatisfy({ isRegNameByte[Int($0)] }) else { return false }
            bytes = bytes[end...]
        }
        guard let colon = bytes.first else { return true }
        guard colon == UInt8(ascii: ":") else { return false }
        return bytes.dropFirst().allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
