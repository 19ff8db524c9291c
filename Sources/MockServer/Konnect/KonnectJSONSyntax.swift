/// A strict RFC 8259 syntax check, run before `JSONDecoder`, which accepts some invalid
/// texts (trailing commas in objects and arrays). It walks the bytes once with an explicit
/// stack instead of recursion, and refuses nesting deeper than `maximumDepth`, so a hostile
/// body can neither overflow the stack nor pass as JSON.
enum KonnectJSONSyntax {
    static let maximumDepth = 512

    static func isValid(_ bytes: [UInt8]) -> Bool {
        var scanner = Scanner(bytes: bytes)
        return scanner.scanDocument()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        /// The open containers, innermost last: `{` or `[`.
        var open: [UInt8] = []

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        mutating func scanDocument() -> Bool {
            var expectingValue = true
            while true {
                skipWhitespace()
                if expectingValue {
                    guard scanValueStart(&expectingValue) else { return false }
                } else if open.isEmpty {
                    return index == bytes.count
                } else {
                    guard scanAfterValue(&expectingValue) else { return false }
                }
            }
        }

        /// At a value: a scalar is consumed whole; a container is opened.
        mutating func scanValueStart(_ expectingValue: inout Bool) -> Bool {
            guard let byte = peek() else { return false }
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard open.count < maximumDepth else { return false }
                open.append(byte)
                index += 1
                skipWhitespace()
                let close = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if peek() == close {
                    index += 1
                    open.removeLast()
                    expectingValue = false
                    return true
                }
                expectingValue = true
                return byte == UInt8(ascii: "[") || scanMemberName()
            case UInt8(ascii: "\""):
                expectingValue = false
                return scanString()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                expectingValue = false
                return scanNumber()
            case UInt8(ascii: "t"):
                expectingValue = false
                return scanLiteral("true")
            case UInt8(ascii: "f"):
                expectingValue = false
                return scanLiteral("false")
            case UInt8(ascii: "n"):
                expectingValue = false
                return scanLiteral("null")
            default:
                return false
            }
        }

        /// After a value inside a container: a comma and the next member, or the close.
        mutating func scanAfterValue(_ expectingValue: inout Bool) -> Bool {
            guard let byte = peek(), let container = open.last else { return false }
            index += 1
            switch (container, byte) {
            case (_, UInt8(ascii: ",")):
                expectingValue = true
                return container == UInt8(ascii: "[") || scanMemberName()
            case (UInt8(ascii: "{"), UInt8(ascii: "}")), (UInt8(ascii: "["), UInt8(ascii: "]")):
                open.removeLast()
                return true
            default:
                return false
            }
        }

        /// `"name" :` of an object member.
        mutating func scanMemberName() -> Bool {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\""), scanString() else { return false }
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { return false }
            index += 1
            return true
        }

        mutating func scanString() -> Bool {
            index += 1
            while let byte = peek() {
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return true
                case 0x00..<0x20:
                    return false
                case UInt8(ascii: "\\"):
                    guard let escaped = peek() else { return false }
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                        UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        continue
                    case UInt8(ascii: "u"):
                        for _ in 0..<4 {
                            guard let hex = peek(), Self.isHexDigit(hex) else { return false }
                            index += 1
                        }
                    default:
                        return false
                    }
                default:
                    continue
                }
            }
            return false
        }

        /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
        mutating func scanNumber() -> Bool {
            if peek() == UInt8(ascii: "-") { index += 1 }
            if peek() == UInt8(ascii: "0") {
                index += 1
            } else if !scanDigits() {
                return false
            }
            if peek() == UInt8(ascii: ".") {
                index += 1
                guard scanDigits() else { return false }
            }
            if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
                index += 1
                if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
                guard scanDigits() else { return false }
            }
            return true
        }

        /// One or more ASCII digits.
        mutating func scanDigits() -> Bool {
            let start = index
            while let byte = peek(), byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { index += 1 }
            return index > start
        }

        mutating func scanLiteral(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard bytes.count - index >= count else { return false }
            let matches = word.withUTF8Buffer { expected in
                expected.indices.allSatisfy { bytes[index + $0] == expected[$0] }
            }
            index += count
            return matches
        }

        mutating func skipWhitespace() {
            while let byte = peek(),
                byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
                    || byte == UInt8(ascii: "\r")
            {
                index += 1
            }
        }

        func peek() -> UInt8? {
            index < bytes.count ? bytes[index] : nil
        }

        static func isHexDigit(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
        }
    }
}
