import EventStream
import Testing

@Suite struct SSEEncoderTests {
    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func dataOnlyEventIsOneLineAndABlankLine() {
        #expect(text(SSEEncoder.event(data: "hello")) == "data: hello\n\n")
    }

    @Test func fieldsComeInFixedOrder() {
        let bytes = SSEEncoder.event(data: "x", type: "update", id: "7", retry: 1500)
        #expect(text(bytes) == "event: update\nid: 7\nretry: 1500\ndata: x\n\n")
    }

    @Test(arguments: ["a\nb\nc", "a\rb\rc", "a\r\nb\r\nc", "a\nb\r\nc"])
    func multiLineDataBecomesSeveralDataLines(data: String) {
        #expect(text(SSEEncoder.event(data: data)) == "data: a\ndata: b\ndata: c\n\n")
    }

    @Test func emptyDataAndEmptyLinesHaveNoTrailingSpace() {
        #expect(text(SSEEncoder.event(data: "")) == "data:\n\n")
        #expect(text(SSEEncoder.event(data: "a\n\nb")) == "data: a\ndata:\ndata: b\n\n")
    }

    @Test func newlinesAndNULAreDroppedFromTypeAndID() {
        let bytes = SSEEncoder.event(data: "x", type: "up\r\ndate", id: "1\n2\u{0}3")
        #expect(text(bytes) == "event: update\nid: 123\ndata: x\n\n")
    }

    @Test func emptyTypeIsOmittedButEmptyIDIsKept() {
        #expect(text(SSEEncoder.event(data: "x", type: "", id: "")) == "id:\ndata: x\n\n")
    }

    @Test func negativeRetryIsOmitted() {
        #expect(text(SSEEncoder.event(data: "x", retry: -1)) == "data: x\n\n")
        #expect(text(SSEEncoder.event(data: "x", retry: 0)) == "retry: 0\ndata: x\n\n")
    }

    @Test func commentsAreColonLinesEndedByABlankLine() {
        #expect(text(SSEEncoder.comment("keep-alive")) == ": keep-alive\n\n")
        #expect(text(SSEEncoder.comment("")) == ":\n\n")
        #expect(text(SSEEncoder.comment("a\nb")) == ": a\n: b\n\n")
    }

    @Test func encodedEventsParseBackToTheSameEvents() {
        let samples: [(String, String?, String?, Int?)] = [
            ("plain", nil, nil, nil),
            ("  leading spaces", "t", "id-1", 10),
            ("multi\nline\r\ntext\rhere", "kind", "2", nil),
            ("", nil, "3", nil),
            ("ünïcødé 🎉: colon", "e:v", "4", 0),
        ]
        for (data, type, id, retry) in samples {
            var parser = SSEParser()
            var stream = SSEEncoder.comment("hello")
            stream += SSEEncoder.event(data: data, type: type, id: id, retry: retry)
            let events = parser.feed(stream)
            let expectedData = data.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
            #expect(
                events == [ServerSentEvent(type: type ?? "message", data: expectedData, id: id, retry: retry)]
            )
            #expect(parser.commentCount == 1)
        }
    }
}
