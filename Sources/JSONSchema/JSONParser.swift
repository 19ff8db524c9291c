extension JSONValue {
    /// The nesting depth `parse` accepts by default.
    public static let defaultMaximumDepth = 512

    /// Parses one JSON text (RFC 8259) strictly: no trailing commas, comments, leading zeros,
    /// NaN/Infinity, byte order mark, duplicate object keys, unpaired surrogates or invalid
    /// UTF-8; only whitespace may surround the value.
    /// - Parameters:
    ///   - bytes: The UTF-8 text.
    ///   - maximumDepth: How deeply arrays and objects may nest; the parser does not recurse,
    ///     so any depth is safe for the stack, and this bounds hostile input.
    /// - Throws: `JSONParseError` with the byte offset of the problem.
    public static func parse(_ bytes: [UInt8], maximumDepth: Int = defaultMaximumDepth) throws -> JSONValue {
        var parser = JSONParser(bytes: bytes, maximumDepth: maximumDepth)
        return try parser.parseDocument()
    }

    /// Parses a JSON text given as a string. See `parse(_:maximumDepth:)` for the rules.
    public static func parse(_ text: String, maximumDepth: Int = defaultMaximumDepth) throws -> JSONValue {
        try parse(Array(text.utf8), maximumDepth: maximumDepth)
    }
}

/// A non-recursive parser: open containers live on explicit stacks, so nesting depth costs
/// heap, not call stack.
struct JSONParser {
    private let bytes: [UInt8]
    private let maximumDepth: Int
    private var index = 0

    private enum Frame { case array, object }
    private var frames: [Frame] = []
    private var openArrays: [[JSONValue]] = []
    private var openObjects: [(object: JSONObject, key: String)] = []

    init(bytes: [UInt8], maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = max(1, maximumDepth)
    }

    mutating func parseDocument() throws -> JSONValue {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            throw JSONParseError(offset: 0, message: "a byte order mark is not allowed")
        }
        let value = try parseValue()
        skipWhitespace()
        if index < bytes.count {
            throw error("unexpected \(describe(bytes[index])) after the JSON value")
        }
        return value
    }

    private mutating func parseValue() throws -> JSONValue {
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input, expected a value") }
            var value: JSONValue
            switch bytes[index] {
            case UInt8(ascii: "{"):
                try open(.object)
                skipWhitespace()
                if consume(UInt8(ascii: "}")) {
                    frames.removeLast()
                    value = .object(JSONObject())
                } else {
                    let key = try parseKey(in: JSONObject())
                    openObjects.append((JSONObject(), key))
                    continue
                }
            case UInt8(ascii: "["):
                try open(.array)
                skipWhitespace()
                if consume(UInt8(ascii: "]")) {
                    frames.removeLast()
                    value = .array([])
                } else {
                    openArrays.append([])
                    continue
                }
            case UInt8(ascii: "\""):
                value = .string(try parseString())
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                value = .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = try parseNumber()
            default:
                throw error("unexpected \(describe(bytes[index])), expected a value")
            }
            // Attach the finished value to the open containers, closing those that end here.
            while true {
                guard let frame = frames.last else { return value }
                skipWhitespace()
                switch frame {
                case .array:
                    openArrays[openArrays.count - 1].append(value)
                    if consume(UInt8(ascii: ",")) { break }
                    if consume(UInt8(ascii: "]")) {
                        frames.removeLast()
                        value = .array(openArrays.removeLast())
                        continue
                    }
                    throw error(unexpectedHere("',' or ']'"))
                case .object:
                    let last = openObjects.count - 1
                    openObjects[last].object[openObjects[last].key] = value
                    if consume(UInt8(ascii: ",")) {
                        skipWhitespace()
                        openObjects[last].key = try parseKey(in: openObjects[last].object)
                        break
                    }
                    if consume(UInt8(ascii: "}")) {
                        frames.removeLast()
                        value = .object(openObjects.removeLast().object)
                        continue
                    }
                    throw error(unexpectedHere("',' or '}'"))
                }
                break
            }
        }
    }

    private mutating func open(_ frame: Frame) throws {
        guard frames.count < maximumDepth else {
            throw error("nesting deeper than \(maximumDepth) levels")
        }
        frames.append(frame)
        index += 1
    }

    private mutating func parseKey(in object: JSONObject) throws -> String {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
            throw error(unexpectedHere("a string key"))
        }
        let keyOffset = index
        let key = try parseString()
        if object.contains(key) {
            throw JSONParseError(offset: keyOffset, message: "duplicate object key \"\(key)\"")
        }
        skipWhitespace()
        guard consume(UInt8(ascii: ":")) else { throw error(unexpectedHere("':'")) }
        return key
    }

    private mutating func expectLiteral(_ literal: StaticString) throws {
        let start = index
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for byte in expected {
            guard index < bytes.count else {
                throw JSONParseError(offset: start, message: "truncated literal, expected \(literal)")
            }
            guard bytes[index] == byte else {
                throw JSONParseError(offset: start, message: "invalid literal, expected \(literal)")
            }
            index += 1
        }
    }

    // MARK: Numbers

    private mutating func parseNumber() throws -> JSONValue {
        let start = index
        var isInteger = true
        _ = consume(UInt8(ascii: "-"))
        guard index < bytes.count else { throw error("unexpected end of input in a number") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) {
                throw JSONParseError(offset: start, message: "leading zeros are not allowed in numbers")
            }
        } else if isDigit(bytes[index]) {
            skipDigits()
        } else {
            throw error("expected a digit after '-'")
        }
        if consume(UInt8(ascii: ".")) {
            isInteger = false
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw error("expected a digit after the decimal point")
            }
            skipDigits()
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            index += 1
            if !consume(UInt8(ascii: "+")) { _ = consume(UInt8(ascii: "-")) }
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw error("expected a digit in the exponent")
            }
            skipDigits()
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if isInteger, let integer = Int(text) { return .int(integer) }
        guard let double = Double(text), double.isFinite else {
            throw JSONParseError(offset: start, message: "number \(text.prefix(40)) is out of range")
        }
        return .double(double)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private mutating func skipDigits() {
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }

    // MARK: Strings

    private mutating func parseString() throws -> String {
        let start = index
        index += 1  // the opening quote
        var decoded: [UInt8] = []
        while true {
            guard index < bytes.count else {
                throw JSONParseError(offset: start, message: "unterminated string")
            }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: decoded, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape(into: &decoded)
            case 0x00..<0x20:
                throw error("control character \(describe(byte)) must be escaped in a string")
            case 0x20..<0x80:
                decoded.append(byte)
                index += 1
            default:
                let length = try utf8SequenceLength(at: index)
                decoded.append(contentsOf: bytes[index..<index + length])
                index += length
            }
        }
    }

    private mutating func parseEscape(into decoded: inout [UInt8]) throws {
        let escapeStart = index
        index += 1
        guard index < bytes.count else { throw error("unterminated escape sequence") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(byte)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "u"):
            var scalarValue = try parseHex4()
            if (0xDC00...0xDFFF).contains(scalarValue) {
                throw JSONParseError(offset: escapeStart, message: "unpaired low surrogate in \\u escape")
            }
            if (0xD800...0xDBFF).contains(scalarValue) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                    bytes[index + 1] == UInt8(ascii: "u")
                else {
                    throw JSONParseError(
                        offset: escapeStart, message: "unpaired high surrogate in \\u escape")
                }
                index += 2
                let low = try parseHex4()
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw JSONParseError(
                        offset: escapeStart, message: "high surrogate not followed by a low one")
                }
                scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(scalarValue) else {
                throw JSONParseError(offset: escapeStart, message: "invalid \\u escape")
            }
            decoded.append(contentsOf: String(scalar).utf8)
        default:
            throw JSONParseError(offset: escapeStart, message: "invalid escape \\\(describe(byte))")
        }
    }

    private mutating func parseHex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw error("expected a hex digit in \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    /// The length of the well-formed UTF-8 sequence at `position` (Unicode Table 3-7: no
    /// overlong forms, no surrogates, nothing above U+10FFFF).
    private func utf8SequenceLength(at position: Int) throws -> Int {
        let lead = bytes[position]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default:
            throw JSONParseError(offset: position, message: "invalid UTF-8 byte 0x\(hex(lead))")
        }
        for offset in 1..<length {
            let at = position + offset
            guard at < bytes.count else {
                throw JSONParseError(offset: position, message: "truncated UTF-8 sequence")
            }
            let range = offset == 1 ? secondRange : 0x80...0xBF
            guard range.contains(bytes[at]) else {
                throw JSONParseError(offset: at, message: "invalid UTF-8 sequence")
            }
        }
        return length
    }

    // MARK: Helpers

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private func error(_ message: String) -> JSONParseError {
        JSONParseError(offset: index, message: message)
    }

    private func unexpectedHere(_ expected: String) -> String {
        guard index < bytes.count else { return "unexpected end of input, expected \(expected)" }
        return "unexpected \(describe(bytes[index])), expected \(expected)"
    }

    private func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(hex(byte))"
    }

    private func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
