extension StringProtocol {
    /// The text without leading and trailing white space as Foundation's `.whitespaces`
    /// counts it (tab, the Unicode space separators of category Zs, and on Linux also the
    /// zero-width space U+200B), without bridging to
    /// NSString: header values are trimmed on every request, and the bridge was a tenth of a
    /// CID222 send.
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !Self.isSpace($0) }),
            let last = scalars.lastIndex(where: { !Self.isSpace($0) })
        else { return "" }
        // Scalar indices are indices of the text too, so this is a slice, not a rebuild.
        return String(self[first...last])
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || scalar == "\t" }
        return scalar == "\u{200B}" || scalar.properties.generalCategory == .spaceSeparator
    }
}
