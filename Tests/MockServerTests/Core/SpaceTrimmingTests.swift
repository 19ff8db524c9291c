import Foundation
import Testing

@testable import MockServer

/// The native trim removes exactly what Foundation's `.whitespaces` trim removes.
@Suite("Trimming spaces")
struct SpaceTrimmingTests {
    @Test func itTrimsWhatFoundationTrims() {
        let edges: [Unicode.Scalar] = [
            " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{2007}",
            "\u{200A}", "\u{200B}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{FEFF}",
            "x",
        ]
        for edge in edges {
            for text in ["\(edge)Bearer abc\(edge)", "\(edge)\(edge)", "a\(edge)b", "\(edge)", ""] {
                #expect(
                    text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces),
                    "\(text.debugDescription)")
            }
        }
        for value in UInt32(0)...0x3100 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "\(scalar)a\(scalar)"
            #expect(
                text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces),
                "U+\(String(value, radix: 16))")
        }
        #expect("  application/json ".trimmingSpaces() == "application/json")
        #expect(Substring(" x ").trimmingSpaces() == "x")
    }
}
