/// Byte classes of RFC 9110 used by the parser, as lookup tables so the hot path is a load.
enum ASCII {
    static let cr: UInt8 = 13
    static let lf: UInt8 = 10
    static let space: UInt8 = 32
    static let tab: UInt8 = 9
    static let colon: UInt8 = 58

    /// `tchar` of RFC 9110 §5.6.2: the bytes allowed in methods and header names.
    static let isTokenByte: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for b in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(b)] = true }
        for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(b)] = true }
        for b in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(b)] = true }
        for c in "!#$%&'*+-.^_`|~".utf8 { table[Int(c)] = true }
        return table
    }()

    static func isToken(_ b: UInt8) -> Bool { isTokenByte[Int(b)] }

    /// Field values may hold visible characters, spaces, tabs and obs-text, never controls.
    static func isFieldValueByte(_ b: UInt8) -> Bool {
        b == tab || (b >= 0x20 && b != 0x7F)
    }

    static func lowercased(_ b: UInt8) -> UInt8 {
        (b >= 65 && b <= 90) ? b | 0x20 : b
    }

    static func hexValue(_ b: UInt8) -> Int? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(b - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// Splits a header value on commas into trimmed, non-empty, lowercased elements.
    static func lowercasedList(_ values: [String]) -> [String] {
        var out: [String] = []
        for value in values {
            for part in value.split(separator: ",") {
                let trimmed = part.trimmingSpacesAndTabs().lowercased()
                if !trimmed.isEmpty { out.append(trimmed) }
            }
        }
        return out
    }
}

extension Substring {
    func trimmingSpacesAndTabs() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}
