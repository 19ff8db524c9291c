import Foundation
import SessionsAPI
import Testing

@Suite struct TranscriptEncodingTests {
    private let transcript = Transcript(
        scenario: "chat", api: "konnect",
        exchanges: [
            RecordedExchange(
                step: "send", iteration: 0,
                request: .init(
                    method: "POST", target: "/v1/a/b", headers: [WireHeader(name: "Z", value: "1")],
                    body: "{}"),
                response: .init(
                    status: 200, headers: [], body: nil,
                    events: [.init(type: "message", data: "hi", id: nil)], chunks: ["data: hi\n\n"]),
                error: nil)
        ])

    @Test func encodesSortedPrettyJSONWithAFinalNewlineAndNoNulls() {
        let text = String(decoding: transcript.encoded(), as: UTF8.self)
        #expect(text.hasSuffix("}\n"))
        #expect(text.contains(#""target" : "/v1/a/b""#), "slashes stay unescaped")
        #expect(!text.contains("null"))
        #expect(!text.contains("chunkOffsetsMs"))
        #expect(!text.contains(#""error""#))
        let keys = ["\"api\"", "\"exchanges\"", "\"scenario\""].map { text.range(of: $0)?.lowerBound }
        #expect(keys.allSatisfy { $0 != nil })
        #expect(keys.compactMap { $0 } == keys.compactMap { $0 }.sorted())
    }

    @Test func decodingWhatItEncodedGivesItBackByteForByte() throws {
        let bytes = transcript.encoded()
        let decoded = try JSONDecoder().decode(Transcript.self, from: Data(bytes))
        #expect(decoded == transcript)
        #expect(decoded.encoded() == bytes)
    }
}
