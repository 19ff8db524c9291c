extension JSONValue {
    /// The JSON text of the value.
    ///
    /// Rules, chosen so output is deterministic and parses back to an equal value:
    /// - With `sortedKeys` (the default) object keys are ordered by their UTF-8 bytes
    ///   (code point order); otherwise in insertion order.
    /// - Compact output has no whitespace; `pretty` puts one member or element per line,
    ///   indented by two spaces, with `": "` after keys; empty containers stay `{}` and `[]`.
    /// - Strings escape `"`, `\` and control characters (`\b \f \n \r \t`, others `\u00XX`
    ///   in lowercase hex); everything else, `/` and non-ASCII included, is written as is.
    /// - `.int` is written in decimal. `.double` uses Swift's shortest round-trip form, and an
    ///   integral double keeps its fraction (`1.0`, `-0.0`, `1e+20`), so it parses back as a
    ///   double. A non-finite double (which JSON cannot express) is written as `null`.
    /// - Parameters:
    ///   - sortedKeys: Sort object keys; `true` by default.
    ///   - pretty: Indent with two spaces; `false` by default.
    public func serialized(sortedKeys: Bool = true, pretty: Bool = false) -> String {
        var writer = JSONWriter(sortedKeys: sortedKeys, pretty: pretty)
        writer.write(self, indent: 0)
        return String(decoding: writer.output, as: UTF8.self)
    }

    /// The UTF-8 bytes of `serialized(sortedKeys:pretty:)`.
    public func serializedBytes(sortedKeys: Bool = true, pretty: Bool = false) -> [UInt8] {
        var writer = JSONWriter(sortedKeys: sortedKeys, pretty: pretty)
        writer.write(self, indent: 0)
        return writer.output
    }
}

private struct JSONWriter {
    let sortedKeys: Bool
    let pretty: Bool
    var output: [UInt8] = []

    init(sortedKeys: Bool, pretty: Bool) {
        self.sortedKeys = sortedKeys
        self.pretty = pretty
    }

    mutating func write(_ value: JSONValue, indent: Int) {
        switch value {
        case .null: append("null")
        case .bool(let flag): append(flag ? "true" : "false")
        case .int(let number): append(String(number))
        case .double(let number): append(Self.format(number))
        case .string(let text): writeString(text)
        case .array(let elements):
            writeContainer(open: "[", close: "]", count: elements.count, indent: indent) { writer, index in
                writer.write(elements[index], indent: indent + 1)
            }
        case .object(let object):
            let keys =
                sortedKeys ? object.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } : object.keys
            writeContainer(open: "{", close: "}", count: keys.count, indent: indent) { writer, index in
                writer.writeString(keys[index])
                writer.append(writer.pretty ? ": " : ":")
                writer.write(object[keys[index]] ?? .null, indent: indent + 1)
            }
        }
    }

    private mutating func writeContainer(
        open: String, close: String, count: Int, indent: Int, element: (inout JSONWriter, Int) -> Void
    ) {
        append(open)
        guard count > 0 else {
            append(close)
            return
        }
        for index in 0..<count {
            if index > 0 { append(",") }
            if pretty { newline(indent + 1) }
            element(&self, index)
        }
        if pretty { newline(indent) }
        append(close)
    }

    private mutating func newline(_ indent: Int) {
        output.append(0x0A)
        output.append(contentsOf: repeatElement(0x20, count: indent * 2))
    }

    private mutating func append(_ text: String) {
        output.append(contentsOf: text.utf8)
    }

    mutating func writeString(_ text: String) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case 0x08: append("\\b")
            case 0x0C: append("\\f")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            case 0x00..<0x20:
                let digits: [UInt8] = Array("0123456789abcdef".utf8)
                append("\\u00")
                output.append(digits[Int(byte >> 4)])
                output.append(digits[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    static func format(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        // Swift's description is the shortest text that round-trips; it already keeps ".0" on
        // integral values and writes exponents as "1e-07" / "1e+20", both valid JSON.
        return number.description
    }
}
