/// The independent server's own PII filter: e-mail addresses and phone numbers.
struct IndependentFinding: Sendable {
    /// `email_address` or `phone_number`.
    var kind: String
    // Differs: the mock reports Unicode-scalar `start`/`end` vs we report `offset`/`length`
    // in UTF-16 code units, the unit JavaScript clients index strings by; the seed allows it
    // because it only says filter warnings are sent, not what they hold.
    var offset: Int
    var length: Int
    var placeholder: String
}

enum IndependentPII {
    /// The findings in `text`, by position, and the text with each replaced by a placeholder.
    static func scan(_ text: String) -> (findings: [IndependentFinding], redacted: String) {
        var spans: [(Range<String.Index>, String, String)] = []
        for match in text.matches(of: /[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}/) {
            spans.append((match.range, "email_address", "[EMAIL]"))
        }
        for match in text.matches(of: /\+?\(?\d[\d ().\-]{6,}\d/) {
            let digits = text[match.range].filter(\.isNumber).count
            let overlaps = spans.contains { $0.0.overlaps(match.range) }
            if digits >= 8 && !overlaps { spans.append((match.range, "phone_number", "[PHONE]")) }
        }
        spans.sort { $0.0.lowerBound < $1.0.lowerBound }
        var findings: [IndependentFinding] = []
        var redacted = ""
        var cursor = text.startIndex
        for (range, kind, placeholder) in spans {
            let offset = text.utf16.distance(from: text.startIndex, to: range.lowerBound)
            let length = text.utf16.distance(from: range.lowerBound, to: range.upperBound)
            findings.append(
                IndependentFinding(kind: kind, offset: offset, length: length, placeholder: placeholder))
            redacted += text[cursor..<range.lowerBound] + placeholder
            cursor = range.upperBound
        }
        redacted += text[cursor...]
        return (findings, redacted)
    }
}
