import SessionsAPI
import Testing

@testable import MockServer

/// The hand-written delta event is the bytes the encoder gives for the same value, for every
/// character class JSON escaping distinguishes.
@Suite("CID222 delta framing")
struct SSEFramingDeltaTests {
    @Test func everyASCIICharacterIsEscapedAsTheEncoderEscapesIt() {
        for byte in UInt8(0)...0x7F {
            let text = "a" + String(UnicodeScalar(byte)) + "b"
            #expect(
                SSEFraming.delta(text) == SSEFraming.event(CID222ContentBlockDelta(text: text)),
                "byte \(byte)")
        }
    }

    @Test func textOfEveryKindMatchesTheEncoder() {
        let texts = [
            "", "Here is how ", "“quoted” — dash", "naïve café", "東京 へ", "emoji 🎉 and 👩‍👩‍👧",
            "line\u{2028}separator\u{2029}", "\u{7F}\u{80}\u{9F}", "slash / and \\ backslash", "\"\"",
            String(repeating: "long ", count: 500),
        ]
        for text in texts {
            #expect(
                SSEFraming.delta(text) == SSEFraming.event(CID222ContentBlockDelta(text: text)),
                "\(text.debugDescription)")
        }
    }
}
