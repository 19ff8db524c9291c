import SessionsAPI
import Testing

@testable import MockServer

@Suite("PII filter: emails, phones, Luhn-valid cards, mod-97-valid IBANs")
struct PIIFilterTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var masked: String
        var entities: [String]
        var testDescription: String { text }
    }

    static let cases: [Case] = [
        Case(
            text: "mail jane.doe+tag@example.co.uk today", masked: "mail [EMAIL] today", entities: ["email"]),
        Case(
            text: "card 4111 1111 1111 1111 please", masked: "card [CARD] please", entities: ["credit_card"]),
        Case(text: "card 4111-1111-1111-1111", masked: "card [CARD]", entities: ["credit_card"]),
        Case(text: "card 5500005555555559.", masked: "card [CARD].", entities: ["credit_card"]),
        Case(
            text: "card 4111 1111 1111 1112 fails Luhn", masked: "card 4111 1111 1111 1112 fails Luhn",
            entities: []),
        Case(text: "iban GB82 WEST 1234 5698 7654 32 ok", masked: "iban [IBAN] ok", entities: ["iban"]),
        Case(text: "iban DE89370400440532013000", masked: "iban [IBAN]", entities: ["iban"]),
        Case(
            text: "iban DE89 3704 0044 0532 0130 01 bad", masked: "iban DE89 3704 0044 0532 0130 01 bad",
            entities: []),
        Case(text: "iban GB82WEST12345698765433", masked: "iban GB82WEST12345698765433", entities: []),
        Case(text: "call +1 415 555 2671 now", masked: "call [PHONE] now", entities: ["phone"]),
        Case(text: "call (415) 555-2671", masked: "call [PHONE]", entities: ["phone"]),
        Case(text: "call 415.555.2671", masked: "call [PHONE]", entities: ["phone"]),
        Case(text: "+44 20 7946 0958", masked: "[PHONE]", entities: ["phone"]),
        Case(text: "order #12345 on 2026-01-15", masked: "order #12345 on 2026-01-15", entities: []),
        Case(text: "version 1.2.3 and 555-1234", masked: "version 1.2.3 and 555-1234", entities: []),
        Case(
            text: "not an email: a@b, x@y.c, @example.com", masked: "not an email: a@b, x@y.c, @example.com",
            entities: []),
        Case(
            text: "a@b.io then 4111111111111111 then +33 1 23 45 67 89",
            masked: "[EMAIL] then [CARD] then [PHONE]", entities: ["email", "credit_card", "phone"]),
    ]

    @Test("detection and masking", arguments: cases)
    func detect(_ c: Case) {
        let findings = PIIFilter.findings(in: c.text)
        #expect(findings.map(\.entity.rawValue) == c.entities)
        #expect(PIIFilter.mask(c.text, findings) == c.masked)
    }

    @Test("Luhn check on known numbers")
    func luhn() {
        #expect(PIIDetectors.luhnValid([4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        #expect(PIIDetectors.luhnValid([7, 9, 9, 2, 7, 3, 9, 8, 7, 1, 3]))
        #expect(!PIIDetectors.luhnValid([7, 9, 9, 2, 7, 3, 9, 8, 7, 1, 4]))
    }

    @Test(
        "CID-STREAM-FILTER-WARNING-SHAPE: offsets count Unicode scalars of the original text, end exclusive, in order"
    )
    func scalarOffsets() {
        let text = "😀 e\u{301} x@y.io and 4111111111111111"
        let findings = PIIFilter.findings(in: text)
        let scalars = Array(text.unicodeScalars)
        #expect(findings.count == 2)
        #expect(findings[0].start == 5)
        #expect(String(String.UnicodeScalarView(scalars[findings[0].start..<findings[0].end])) == "x@y.io")
        #expect(
            String(String.UnicodeScalarView(scalars[findings[1].start..<findings[1].end]))
                == "4111111111111111")
        let warning = PIIFilter.warning(findings[0])
        #expect(warning.start == 5 && warning.end == 11)
        #expect(warning.field == "content" && warning.action == "masked" && warning.replacement == "[EMAIL]")
    }

    @Test(
        "hostile input finishes without a crash",
        arguments: [
            String(repeating: "9", count: 100_000), String(repeating: "a@", count: 50_000),
            String(repeating: "+1 ", count: 30_000), String(repeating: "GB82 ", count: 20_000),
            String(repeating: "(", count: 50_000) + "5", String(repeating: "x.", count: 50_000) + "@",
        ])
    func hostile(_ text: String) {
        let findings = PIIFilter.findings(in: text)
        #expect(
            PIIFilter.mask(text, findings).unicodeScalars.count <= text.unicodeScalars.count + 7
                * findings.count)
    }

    @Test(
        "CID-SEND-IMAGE-ACCEPTED CID-STREAM-FILTER-WARNING CID-STREAM-FILTER-WARNING-SHAPE CID-STREAM-FILTER-WARNING-ORDER CID-SEND-IMAGE-REDACTED: a message with PII streams one filter_warning per finding, then the image, all before deltas; the stored message is masked"
    )
    func throughTheRoute() async throws {
        let client = CID222TestClient()
        let session = try await client.createSession()
        let content =
            "I am jane@example.com, card 4111 1111 1111 1111, IBAN GB82WEST12345698765432, phone +1 415 555 2671"
        let response = await client.send(
            session.id, content: content, extra: #","imageBase64":"data:image/png;base64,iVBORw0KGgo=""#)
        let events = try response.events()
        let warnings = events.prefix { if case .filterWarning = $0 { return true } else { return false } }
        #expect(warnings.count == 5)
        let entities = warnings.compactMap { event -> String? in
            if case .filterWarning(let w) = event { return w.entity }
            return nil
        }
        #expect(entities == ["email", "credit_card", "iban", "phone", "image"])
        #expect(
            events.dropFirst(5).allSatisfy {
                if case .filterWarning = $0 { return false } else { return true }
            })
        if case .filterWarning(let image) = warnings.last {
            #expect(image.field == "imageBase64" && image.action == "redacted")
            #expect(image.start == nil && image.end == nil && image.replacement == nil)
        }
        let masked = "I am [EMAIL], card [CARD], IBAN [IBAN], phone [PHONE]"
        let detail = try await client.detail(session.id)
        #expect(detail.context.first == CID222ContextMessage(role: "user", content: masked))
        #expect(try response.contextUsage()?.contextTokens == TokenCounter.count(masked))
    }

    /// The ASCII fast path of `isAlnum` answers what the Unicode tables answer.
    @Test func isAlnumMatchesTheUnicodePropertiesForASCIIAndBeyond() {
        let scalars = (0..<128).compactMap(Unicode.Scalar.init) + ["é", "字", "ß", "١", "Ⅻ", "\u{00AA}", " "]
        for scalar in scalars {
            let expected = scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
            #expect(PIIDetectors.isAlnum(scalar) == expected, "U+\(String(scalar.value, radix: 16))")
        }
    }
}
