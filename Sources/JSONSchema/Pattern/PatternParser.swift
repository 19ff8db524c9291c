/// Why a pattern was rejected, and where (offset in Unicode scalars).
public struct PatternSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The scalar offset in the pattern where the problem was found.
    public var offset: Int
    /// What is wrong.
    public var message: String

    public var description: String { "invalid pattern at character \(offset): \(message)" }
}

/// Parses the ECMA-262 (`u` flag) pattern subset into a `PatternNode` tree. Anything outside
/// the subset (backreferences, lookaround, Unicode properties) is a `PatternSyntaxError`, so a
/// pattern is never half-understood.
struct PatternParser {
    private let scalars: [UInt32]
    private var index = 0
    private var groupDepth = 0

    static let maximumGroupDepth = 64
    static let maximumRepeatCount = 1000

    init(_ pattern: String) {
        scalars = pattern.unicodeScalars.map(\.value)
    }

    mutating func parse() throws(PatternSyntaxError) -> PatternNode {
        let node = try parseAlternation()
        if index < scalars.count { throw failure("unmatched ')'") }
        return node
    }

    private func failure(_ message: String) -> PatternSyntaxError {
        PatternSyntaxError(offset: index, message: message)
    }

    private var current: UInt32? { index < scalars.count ? scalars[index] : nil }

    private func isAt(_ character: Unicode.Scalar) -> Bool { current == character.value }

    private mutating func parseAlternation() throws(PatternSyntaxError) -> PatternNode {
        var branches = [try parseSequence()]
        while isAt("|") {
            index += 1
            branches.append(try parseSequence())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseSequence() throws(PatternSyntaxError) -> PatternNode {
        var items: [PatternNode] = []
        while let scalar = current, scalar != ascii("|"), scalar != ascii(")") {
            let (atom, quantifiable) = try parseAtom()
            items.append(try parseQuantifier(on: atom, quantifiable: quantifiable))
        }
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .sequence(items)
        }
    }

    private mutating func parseQuantifier(on atom: PatternNode, quantifiable: Bool) throws(PatternSyntaxError)
        -> PatternNode
    {
        let start = index
        let bounds: (Int, Int?)
        switch current {
        case ascii("*"): bounds = (0, nil)
        case ascii("+"): bounds = (1, nil)
        case ascii("?"): bounds = (0, 1)
        case ascii("{"): bounds = try parseBraces()
        default: return atom
        }
        if start == index { index += 1 }
        guard quantifiable else {
            throw PatternSyntaxError(offset: start, message: "an assertion cannot be repeated")
        }
        if isAt("?") { index += 1 }  // Lazy and greedy match the same strings.
        if let next = current, [ascii("*"), ascii("+"), ascii("?"), ascii("{")].contains(next) {
            throw failure("nothing to repeat")
        }
        return .repetition(atom, minimum: bounds.0, maximum: bounds.1)
    }

    /// `{n}`, `{n,}` or `{n,m}`, with the index left after the `}`.
    private mutating func parseBraces() throws(PatternSyntaxError) -> (Int, Int?) {
        let start = index
        index += 1
        guard let minimum = parseDecimal() else {
            throw PatternSyntaxError(offset: start, message: "incomplete quantifier")
        }
        var maximum: Int? = minimum
        if isAt(",") {
            index += 1
            maximum = parseDecimal()
        }
        guard isAt("}") else { throw PatternSyntaxError(offset: start, message: "incomplete quantifier") }
        index += 1
        if let maximum, maximum < minimum {
            throw PatternSyntaxError(offset: start, message: "numbers out of order in quantifier")
        }
        if minimum > Self.maximumRepeatCount || (maximum ?? 0) > Self.maximumRepeatCount {
            throw PatternSyntaxError(offset: start, message: "repeat count above \(Self.maximumRepeatCount)")
        }
        return (minimum, maximum)
    }

    private mutating func parseDecimal() -> Int? {
        var value: Int?
        while let scalar = current, scalar >= 0x30, scalar <= 0x39 {
            value = min((value ?? 0) * 10 + Int(scalar - 0x30), Int(Int32.max))
            index += 1
        }
        return value
    }

    /// One atom, and whether a quantifier may follow it.
    private mutating func parseAtom() throws(PatternSyntaxError) -> (PatternNode, Bool) {
        guard let scalar = current else { throw failure("unexpected end of pattern") }
        switch scalar {
        case ascii("("):
            return (try parseGroup(), true)
        case ascii("["):
            return (.atom(try parseClass()), true)
        case ascii("."):
            index += 1
            return (.atom(.dot), true)
        case ascii("^"):
            index += 1
            return (.inputStart, false)
        case ascii("$"):
            index += 1
            return (.inputEnd, false)
        case ascii("\\"):
            if index + 1 < scalars.count, scalars[index + 1] == ascii("b") || scalars[index + 1] == ascii("B")
            {
                let negated = scalars[index + 1] == ascii("B")
                index += 2
                return (.wordBoundary(negated: negated), false)
            }
            return (.atom(try parseEscape(inClass: false)), true)
        case ascii("*"), ascii("+"), ascii("?"), ascii("{"):
            throw failure("nothing to repeat")
        case ascii("]"), ascii("}"):
            throw failure("lone '\(Character(Unicode.Scalar(UInt8(scalar))))' must be escaped")
        default:
            index += 1
            return (.atom(ScalarSet(scalar: scalar)), true)
        }
    }

    private mutating func parseGroup() throws(PatternSyntaxError) -> PatternNode {
        let start = index
        index += 1
        if isAt("?") {
            index += 1
            if isAt(":") {
                index += 1
            } else if isAt("<"), index + 1 < scalars.count, scalars[index + 1] != ascii("="),
                scalars[index + 1] != ascii("!")
            {
                // A named group matches like a plain one; the name is only for captures.
                while let scalar = current, scalar != ascii(">") { index += 1 }
                guard isAt(">") else {
                    throw PatternSyntaxError(offset: start, message: "unterminated group name")
                }
                index += 1
            } else {
                throw PatternSyntaxError(offset: start, message: "lookaround assertions are not supported")
            }
        }
        guard groupDepth < Self.maximumGroupDepth else {
            throw PatternSyntaxError(
                offset: start, message: "groups nested deeper than \(Self.maximumGroupDepth)")
        }
        groupDepth += 1
        defer { groupDepth -= 1 }
        let inner = try parseAlternation()
        guard isAt(")") else { throw PatternSyntaxError(offset: start, message: "unterminated group") }
        index += 1
        return inner
    }

    private mutating func parseClass() throws(PatternSyntaxError) -> ScalarSet {
        let start = index
        index += 1
        var negated = false
        if isAt("^") {
            negated = true
            index += 1
        }
        var ranges: [ClosedRange<UInt32>] = []
        while true {
            guard let scalar = current else {
                throw PatternSyntaxError(offset: start, message: "unterminated character class")
            }
            if scalar == ascii("]") {
                index += 1
                return ScalarSet(ranges, negated: negated)
            }
            let low = try parseClassAtom()
            if isAt("-"), index + 1 < scalars.count, scalars[index + 1] != ascii("]") {
                index += 1
                let high = try parseClassAtom()
                guard let lowScalar = Self.single(low), let highScalar = Self.single(high) else {
                    throw failure("a class escape cannot bound a range")
                }
                guard lowScalar <= highScalar else { throw failure("range out of order in character class") }
                ranges.append(lowScalar...highScalar)
            } else {
                ranges += low.positiveRanges
            }
        }
    }

    private static func single(_ set: ScalarSet) -> UInt32? {
        guard !set.negated, set.ranges.count == 1, set.ranges[0].count == 1 else { return nil }
        return set.ranges[0].lowerBound
    }

    private mutating func parseClassAtom() throws(PatternSyntaxError) -> ScalarSet {
        guard let scalar = current else { throw failure("unterminated character class") }
        if scalar == ascii("\\") { return try parseEscape(inClass: true) }
        index += 1
        return ScalarSet(scalar: scalar)
    }

    /// An escape after `\`; the index is on the backslash.
    private mutating func parseEscape(inClass: Bool) throws(PatternSyntaxError) -> ScalarSet {
        let start = index
        index += 1
        guard let scalar = current else {
            throw PatternSyntaxError(offset: start, message: "pattern ends with '\\'")
        }
        index += 1
        switch Unicode.Scalar(scalar).map(Character.init) {
        case "d": return .digit
        case "D": return ScalarSet(ScalarSet.digit.ranges, negated: true)
        case "w": return .word
        case "W": return ScalarSet(ScalarSet.word.ranges, negated: true)
        case "s": return .space
        case "S": return ScalarSet(ScalarSet.space.ranges, negated: true)
        case "n": return ScalarSet(scalar: 0x0A)
        case "r": return ScalarSet(scalar: 0x0D)
        case "t": return ScalarSet(scalar: 0x09)
        case "f": return ScalarSet(scalar: 0x0C)
        case "v": return ScalarSet(scalar: 0x0B)
        case "b" where inClass: return ScalarSet(scalar: 0x08)
        case "-" where inClass: return ScalarSet(scalar: scalar)
        case "0":
            if let next = current, next >= 0x30, next <= 0x39 {
                throw PatternSyntaxError(offset: start, message: "octal escapes are not allowed")
            }
            return ScalarSet(scalar: 0)
        case "x":
            return ScalarSet(scalar: try parseHex(count: 2, start: start))
        case "u":
            return ScalarSet(scalar: try parseUnicodeEscape(start: start))
        case "c":
            guard let letter = current, (0x41...0x5A).contains(letter) || (0x61...0x7A).contains(letter)
            else {
                throw PatternSyntaxError(offset: start, message: "\\c must be followed by a letter")
            }
            index += 1
            return ScalarSet(scalar: letter % 32)
        case "^", "$", "\\", ".", "*", "+", "?", "(", ")", "[", "]", "{", "}", "|", "/":
            return ScalarSet(scalar: scalar)
        case "1", "2", "3", "4", "5", "6", "7", "8", "9":
            throw PatternSyntaxError(offset: start, message: "backreferences are not supported")
        case "p", "P":
            throw PatternSyntaxError(offset: start, message: "Unicode property escapes are not supported")
        default:
            throw PatternSyntaxError(offset: start, message: "invalid escape")
        }
    }

    private mutating func parseHex(count: Int, start: Int) throws(PatternSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<count {
            guard let scalar = current, let digit = Self.hexDigit(scalar) else {
                throw PatternSyntaxError(offset: start, message: "invalid hexadecimal escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    /// `\uXXXX` (a surrogate pair of two such escapes combines) or `\u{X…}`.
    private mutating func parseUnicodeEscape(start: Int) throws(PatternSyntaxError) -> UInt32 {
        if isAt("{") {
            index += 1
            var value: UInt32 = 0
            var digits = 0
            while let scalar = current, let digit = Self.hexDigit(scalar) {
                value = value << 4 | digit
                digits += 1
                index += 1
                guard value <= 0x10FFFF else {
                    throw PatternSyntaxError(offset: start, message: "code point above U+10FFFF")
                }
            }
            guard digits > 0, isAt("}") else {
                throw PatternSyntaxError(offset: start, message: "invalid \\u{…} escape")
            }
            index += 1
            return value
        }
        let value = try parseHex(count: 4, start: start)
        if (0xD800...0xDBFF).contains(value), index + 5 < scalars.count, scalars[index] == ascii("\\"),
            scalars[index + 1] == ascii("u")
        {
            let resume = index
            index += 2
            let low = try parseHex(count: 4, start: start)
            if (0xDC00...0xDFFF).contains(low) { return 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00) }
            index = resume
        }
        return value
    }

    private static func hexDigit(_ scalar: UInt32) -> UInt32? {
        switch scalar {
        case 0x30...0x39: return scalar - 0x30
        case 0x41...0x46: return scalar - 0x41 + 10
        case 0x61...0x66: return scalar - 0x61 + 10
        default: return nil
        }
    }
}

private func ascii(_ character: Unicode.Scalar) -> UInt32 { character.value }
