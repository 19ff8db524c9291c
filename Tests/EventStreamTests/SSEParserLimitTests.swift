import EventStream
import Testing

/// Hostile and truncated input: the parser must stay bounded and say why it stopped.
@Suite struct SSEParserLimitTests {
    @Test func aLineLongerThanTheLimitSetsAnErrorAndStopsParsing() {
        var parser = SSEParser(maximumLineLength: 16, maximumEventSize: 1024)
        #expect(parser.feed(Array("data: 0123456789\n\n".utf8)) == [.init(data: "0123456789")])
        #expect(parser.feed(Array(repeating: UInt8(ascii: "x"), count: 17)).isEmpty)
        #expect(parser.error == .lineTooLong(limit: 16))
        // Once failed, even a valid event is ignored.
        #expect(parser.feed(Array("\n\ndata: a\n\n".utf8)).isEmpty)
    }

    @Test func aLineExactlyAtTheLimitIsAccepted() {
        var parser = SSEParser(maximumLineLength: 8, maximumEventSize: 1024)
        #expect(parser.feed(Array("data: ab\n\n".utf8)) == [.init(data: "ab")])
        #expect(parser.error == nil)
    }

    @Test func manyDataLinesPastTheEventLimitSetAnError() {
        var parser = SSEParser(maximumLineLength: 64, maximumEventSize: 100)
        var events: [ServerSentEvent] = []
        for _ in 0..<50 { events += parser.feed(Array("data: 0123456789\n".utf8)) }
        #expect(events.isEmpty)
        #expect(parser.error == .eventTooLarge(limit: 100))
    }

    @Test func defaultLimitIsOneMebibyte() {
        var parser = SSEParser()
        #expect(parser.maximumLineLength == 1 << 20)
        let huge = [UInt8](repeating: UInt8(ascii: "a"), count: (1 << 20) + 10)
        #expect(parser.feed(huge).isEmpty)
        #expect(parser.error == .lineTooLong(limit: 1 << 20))
    }

    @Test func millionsOfEmptyLinesDispatchNothingAndKeepNoState() {
        var parser = SSEParser(maximumLineLength: 64, maximumEventSize: 64)
        let newlines = [UInt8](repeating: 0x0A, count: 2_000_000)
        #expect(parser.feed(newlines).isEmpty)
        #expect(parser.error == nil)
        #expect(parser.feed(Array("data: still works\n\n".utf8)) == [.init(data: "still works")])
    }

    @Test func manyCommentsAreCountedWithoutGrowth() {
        var parser = SSEParser(maximumLineLength: 64, maximumEventSize: 64)
        let comments = Array(String(repeating: ":\n", count: 100_000).utf8)
        #expect(parser.feed(comments).isEmpty)
        #expect(parser.commentCount == 100_000)
        #expect(parser.error == nil)
    }

    @Test func everyTruncationOfAStreamGivesAPrefixOfItsEvents() {
        let bytes = Array(SSEParserSpecExampleTests.mixedSample.utf8)
        let all = SSEParserSpecExampleTests.mixedExpected
        for length in 0...bytes.count {
            var parser = SSEParser()
            let events = parser.feed(bytes[..<length]) + parser.finish()
            #expect(events.count <= all.count)
            #expect(Array(all.prefix(events.count)) == events, "truncated at \(length)")
        }
    }

    @Test func limitsBelowOneAreRaisedToOne() {
        let parser = SSEParser(maximumLineLength: 0, maximumEventSize: -3)
        #expect(parser.maximumLineLength == 1)
        #expect(parser.maximumEventSize == 1)
    }

    @Test func errorsDescribeThemselves() {
        #expect(SSEParserError.lineTooLong(limit: 5).description.contains("5 bytes"))
        #expect(SSEParserError.eventTooLarge(limit: 7).description.contains("7 bytes"))
    }
}
