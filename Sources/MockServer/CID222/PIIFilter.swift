import SessionsAPI

/// One piece of personal data found in a message. Offsets count Unicode scalars of the
/// original text, end exclusive.
struct PIIFinding: Sendable, Equatable {
    enum Entity: String, Sendable {
        case email, phone, creditCard = "credit_card", iban
    }

    var entity: Entity
    var start: Int
    var end: Int

    var replacement: String {
        switch entity {
        case .email: return "[EMAIL]"
        case .phone: return "[PHONE]"
        case .creditCard: return "[CARD]"
        case .iban: return "[IBAN]"
        }
    }
}

/// Finds emails, IBANs (valid mod-97 check), card numbers (valid Luhn check) and phone
/// numbers in a text, and masks them. Detectors run in that order; a later one never claims
/// characters an earlier one took. A linear scan over scalars: no regex engine, so hostile
/// input cannot make it backtrack.
enum PIIFilter {
    /// Findings in order of position, none overlapping.
    static func findings(in text: String) -> [PIIFinding] {
        let scalars = Array(text.unicodeScalars)
        var taken = [Bool](repeating: false, count: scalars.count)
        var found: [PIIFinding] = []
        // Card and phone detectors skip a whole failed number, so the middle of a long one is
        // never taken for a shorter one; email and IBAN check their own word boundaries.
        let detectors: [(PIIFinding.Entity, ([Unicode.Scalar], Int) -> Int?, Bool)] = [
            (.email, PIIDetectors.email, false), (.iban, PIIDetectors.iban, false),
            (.creditCard, PIIDetectors.card, true), (.phone, PIIDetectors.phone, true),
        ]
        for (entity, detect, skipsNumbers) in detectors {
            var i = 0
            while i < scalars.count {
                if !taken[i], let end = detect(scalars, i), !taken[i..<end].contains(true) {
                    found.append(PIIFinding(entity: entity, start: i, end: end))
                    for k in i..<end { taken[k] = true }
                    i = end
                } else {
                    i = skipsNumbers ? PIIDetectors.afterNumber(scalars, at: i) : i + 1
                }
            }
        }
        return found.sorted { $0.start < $1.start }
    }

    /// The text with each finding replaced by its tag.
    static func mask(_ text: String, _ findings: [PIIFinding]) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var cursor = 0
        for finding in findings {
            out.append(contentsOf: scalars[cursor..<finding.start])
            out.append(contentsOf: finding.replacement.unicodeScalars)
            cursor = finding.end
        }
        out.append(contentsOf: scalars[cursor...])
        return String(out)
    }

    /// The `filter_warning` event of a finding.
    static func warning(_ finding: PIIFinding) -> CID222FilterWarning {
        let what: String
        switch finding.entity {
        case .email: what = "An email address"
        case .phone: what = "A phone number"
        case .creditCard: what = "A payment card number"
        case .iban: what = "An IBAN"
        }
        return CID222FilterWarning(
            entity: finding.entity.rawValue, field: "content", action: "masked", start: finding.start,
            end: finding.end, replacement: finding.replacement,
            message: "\(what) was masked as \(finding.replacement) before the model saw the message")
    }

    /// The `filter_warning` event for an attached image, which the pipeline always redacts.
    static let imageWarning = CID222FilterWarning(
        entity: "image", field: "imageBase64", action: "redacted", start: nil, end: nil, replacement: nil,
        message: "The attached image was redacted before the model saw the message")
}
