import SessionsAPI
import Testing

/// The hand-written JSON string escapes as the encoder does.
@Suite("WireJSON string writing")
struct WireJSONStringTests {
    private func written(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        WireJSON.appendString(text, to: &out)
        return out
    }

    @Test func everyASCIICharacterIsEscapedAsTheEncoderEscapesIt() {
        for byte in UInt8(0)...0x7F {
            let text = "a" + String(UnicodeScalar(byte)) + "b"
            #expect(written(text) == WireJSON.encode(text), "byte \(byte)")
        }
    }

    @Test func textOfEveryKindIsWrittenAsTheEncoderWritesIt() {
        let texts = [
            "", "“quoted” — dash", "naïve café", "東京 へ", "emoji 🎉 and 👩‍👩‍👧", "line\u{2028}separator\u{2029}",
            "\u{7F}\u{80}\u{9F}", "slash / and \\ backslash", "\"\"", String(repeating: "long ", count: 500),
        ]
        for text in texts {
            #expect(written(text) == WireJSON.encode(text), "\(text.debugDescription)")
        }
    }
}
