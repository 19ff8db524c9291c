extension StringProtocol {
    /// Without leading and trailing spaces and tabs (the only whitespace HTTP fields and
    /// credentials carry). Foundation's `trimmingCharacters(in:)` bridges to NSString on
    /// Linux, which showed up in profiles of the proxy's hot path.
    var asciiTrimmed: String {
        let bytes = Array(utf8)
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
