/// The individual PII detectors. Each looks at position `i` and returns the exclusive end
/// of a match starting exactly there, or nil.
enum PIIDetectors {
    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }
    static func isUpper(_ s: Unicode.Scalar) -> Bool { s.value >= 65 && s.value <= 90 }
    /// ASCII answered without the Unicode tables, whose lookup was 3% of a send's CPU; for
    /// ASCII, Alphabetic is exactly A–Z and a–z.
    static func isAlnum(_ s: Unicode.Scalar) -> Bool {
        guard s.isASCII else { return s.properties.isAlphabetic }
        return isDigit(s) || isUpper(s) || (s.value >= 97 && s.value <= 122)
    }

    /// Where to try next after a failed number match at `i`: past the whole number,
    /// digits with single separators between them, including digits glued to letters.
    static func afterNumber(_ s: [Unicode.Scalar], at i: Int) -> Int {
        guard isAlnum(s[i]) else { return i + 1 }
        var j = i + 1
        while j < s.count,
            isAlnum(s[j]) || (isSeparator(s[j]) && j + 1 < s.count && isDigit(s[j + 1]) && isDigit(s[j - 1]))
        {
            j += 1
        }
        return j
    }

    private static func isSeparator(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "-" || s == "."
    }

    private static func startsWord(_ s: [Unicode.Scalar], _ i: Int) -> Bool {
        i == 0 || !isAlnum(s[i - 1])
    }

    private static func endsWord(_ s: [Unicode.Scalar], _ end: Int) -> Bool {
        end == s.count || !isAlnum(s[end])
    }

    // MARK: email

    private static func isLocal(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && (isAlnum(c) || "._%+-".unicodeScalars.contains(c))
    }

    private static func isDomain(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && (isAlnum(c) || c == "-" || c == ".")
    }

    /// `local@domain.tld`: an ASCII local part, a dotted domain, a top-level label of 2+ letters.
    static func email(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        guard isLocal(s[i]), i == 0 || !isLocal(s[i - 1]) else { return nil }
        var at = i
        while at < s.count, isLocal(s[at]) { at += 1 }
        guard at > i, at < s.count, s[at] == "@" else { return nil }
        var end = at + 1
        while end < s.count, isDomain(s[end]) { end += 1 }
        while end > at + 1, s[end - 1] == "." || s[end - 1] == "-" { end -= 1 }
        let domain = s[(at + 1)..<end]
        guard let lastDot = domain.lastIndex(of: "."), lastDot > at + 1 else { return nil }
        let tld = domain[(lastDot + 1)...]
        guard tld.count >= 2, tld.allSatisfy({ $0.isASCII && isAlnum($0) && !isDigit($0) }) else {
            return nil
        }
        return end
    }

    // MARK: digit runs (cards, phones)

    /// Digits from `i`, allowing one space or hyphen between digits; returns the end and
    /// the digits.
    private static func digitRun(_ s: [Unicode.Scalar], _ i: Int, separators: String) -> (
        end: Int, digits: [Int]
    )? {
        guard isDigit(s[i]), startsWord(s, i) else { return nil }
        var digits: [Int] = []
        var j = i
        var end = i
        while j < s.count {
            if isDigit(s[j]) {
                digits.append(Int(s[j].value - 48))
                j += 1
                end = j
            } else if separators.unicodeScalars.contains(s[j]), j + 1 < s.count, isDigit(s[j + 1]) {
                j += 1
            } else {
                break
            }
            if digits.count > 40 { return nil }
        }
        guard endsWord(s, end) else { return nil }
        return (end, digits)
    }

    /// 13 to 19 digits, optionally grouped by spaces or hyphens, passing the Luhn check.
    static func card(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        guard let run = digitRun(s, i, separators: " -"), (13...19).contains(run.digits.count),
            luhnValid(run.digits)
        else { return nil }
        return run.end
    }

    /// ISO/IEC 7812 Luhn check.
    static func luhnValid(_ digits: [Int]) -> Bool {
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            if offset % 2 == 1 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return sum % 10 == 0
    }

    /// A phone number: `+` and 8 to 15 digits, or 10 to 15 digits, grouped by spaces,
    /// hyphens, dots or one pair of parentheses around the area code. Fewer digits (order
    /// numbers, dates) are left alone.
    static func phone(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        var j = i
        let international = s[j] == "+"
        if international {
            guard startsWord(s, i) else { return nil }
            j += 1
        }
        var digits = 0
        var end = j
        var openParen = false
        while j < s.count {
            let c = s[j]
            if isDigit(c) {
                digits += 1
                j += 1
                end = j
            } else if c == "(" && !openParen && j + 1 < s.count && isDigit(s[j + 1]) {
                openParen = true
                j += 1
            } else if c == ")" && openParen && j > i && isDigit(s[j - 1]) {
                openParen = false
                j += 1
                end = j
                if j < s.count, s[j] == " " { j += 1 }
            } else if (c == " " || c == "-" || c == ".") && j + 1 < s.count
                && (isDigit(s[j + 1]) || s[j + 1] == "(")
            {
                j += 1
            } else {
                break
            }
            if digits > 15 { return nil }
        }
        guard !openParen, digits > 0, endsWord(s, end) else { return nil }
        if !international {
            guard s[i] == "(" || (isDigit(s[i]) && startsWord(s, i)) else { return nil }
        }
        let range = international ? 8...15 : 10...15
        return range.contains(digits) ? end : nil
    }

    // MARK: IBAN

    /// Country code, two check digits, then 11 to 30 letters or digits (in groups of four
    /// separated by single spaces, or none), whose ISO 13616 mod-97 remainder is 1.
    static func iban(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        guard i + 4 <= s.count, startsWord(s, i), isUpper(s[i]), isUpper(s[i + 1]), isDigit(s[i + 2]),
            isDigit(s[i + 3])
        else { return nil }
        var chars: [Unicode.Scalar] = []
        var ends: [Int] = []
        var j = i
        while j < s.count, chars.count < 34 {
            if isUpper(s[j]) || isDigit(s[j]) {
                chars.append(s[j])
                j += 1
                ends.append(j)
            } else if s[j] == " ", j + 1 < s.count, isUpper(s[j + 1]) || isDigit(s[j + 1]) {
                j += 1
            } else {
                break
            }
        }
        // Longest valid candidate first: a trailing word in capitals must not hide a match.
        var length = chars.count
        while length >= 15 {
            let end = ends[length - 1]
            if endsWord(s, end), mod97(chars[4..<length] + chars[0..<4]) == 1 { return end }
            length -= 1
        }
        return nil
    }

    /// The remainder mod 97 of the number formed by reading letters as 10…35.
    private static func mod97<C: Collection>(_ chars: C) -> Int where C.Element == Unicode.Scalar {
        var remainder = 0
        for c in chars {
            let value = isDigit(c) ? Int(c.value - 48) : Int(c.value - 55)
            remainder = (value >= 10 ? remainder * 100 + value : remainder * 10 + value) % 97
        }
        return remainder
    }
}
