import Foundation
import Testing

@testable import MockServer

/// The fast paths of reply composition (word counts from bytes, slots filled without
/// Foundation) give exactly what the slow ones they replaced gave, so replies stay byte for
/// byte.
@Suite("Reply counting and filling")
struct ReplyCountingTests {
    private func characterWords(_ text: String) -> Int {
        text.split(whereSeparator: { $0.isWhitespace }).count
    }

    @Test func countingFromBytesAgreesWithCharactersForEveryASCIIByte() {
        for byte in UInt8(0)...0x7F {
            let text = "one" + String(UnicodeScalar(byte)) + "two"
            #expect(ReplyComposer.words(text) == characterWords(text), "byte \(byte)")
        }
    }

    @Test func countingAgreesOnEdgesAndNonASCII() {
        let texts = [
            "", " ", "word", "  lead and trail  ", "\t\na\u{0B}b\u{0C}c\r\nd", "naïve café — résumé",
            "em\u{2003}space", "no\u{00A0}break", "line\u{2028}separator", "東京 へ 行く", "a\u{85}b",
        ]
        for text in texts {
            #expect(ReplyComposer.words(text) == characterWords(text), "\(text.debugDescription)")
        }
    }

    @Test func slotsAreFilledOneAfterAnotherAsFoundationDid() {
        let messages = [
            "How do I cache {a} and {b}?", "Explain {topic} please", "plain words here", "ünïcödé {c} ok",
        ]
        let templates =
            ReplyTemplates.openers + ReplyTemplates.bodies + ["{topic}{a}{b}{c}", "{{a}}", "{", ""]
        for message in messages {
            let fill = Filling(topic: ReplyTopic(message: message))
            let quoted = fill.topicPhrase == "your question" ? "your question" : "“\(fill.topicPhrase)”"
            for template in templates {
                let expected = template.replacingOccurrences(of: "{topic}", with: quoted)
                    .replacingOccurrences(of: "{a}", with: fill.focusWords[0])
                    .replacingOccurrences(of: "{b}", with: fill.focusWords[1])
                    .replacingOccurrences(of: "{c}", with: fill.focusWords[2])
                #expect(fill(template) == expected, "\(message) / \(template)")
            }
        }
    }
}
