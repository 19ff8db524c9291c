import EventStream
import Testing

/// The WHATWG "interpret an event stream" rules, one by one.
@Suite struct SSEParserTests {
    private func parse(_ text: String) -> (events: [ServerSentEvent], parser: SSEParser) {
        var parser = SSEParser()
        let events = parser.feed(Array(text.utf8)) + parser.finish()
        return (events, parser)
    }

    private func events(_ text: String) -> [ServerSentEvent] { parse(text).events }

    @Test func dataLinesAreJoinedWithLineFeeds() {
        #expect(events("data: YHOO\ndata: +2\ndata: 10\n\n") == [.init(data: "YHOO\n+2\n10")])
    }

    @Test(arguments: ["data: a\n\n", "data: a\r\r", "data: a\r\n\r\n", "data: a\r\n\n", "data: a\n\r"])
    func everyLineEndingStyleWorks(stream: String) {
        #expect(events(stream) == [.init(data: "a")])
    }

    @Test func onlyOneLeadingSpaceIsStripped() {
        #expect(events("data:  two\n\ndata:none\n\n") == [.init(data: " two"), .init(data: "none")])
    }

    @Test func valueIsSplitAtTheFirstColonOnly() {
        #expect(events("data: a: b:c\n\n") == [.init(data: "a: b:c")])
    }

    @Test func lineWithoutColonIsAFieldWithEmptyValue() {
        #expect(events("data\n\n") == [.init(data: "")])
        #expect(events("data\ndata\n\n") == [.init(data: "\n")])
    }

    @Test func commentsAreCountedAndIgnored() {
        let result = parse(": one\n:two\ndata: x\n: three\n\n")
        #expect(result.events == [.init(data: "x")])
        #expect(result.parser.commentCount == 3)
    }

    @Test func eventFieldSetsTheTypeForOneEventOnly() {
        #expect(
            events("event: add\ndata: 1\n\ndata: 2\n\nevent:\ndata: 3\n\n") == [
                .init(type: "add", data: "1"), .init(data: "2"), .init(data: "3"),
            ])
    }

    @Test func idPersistsUntilChangedAndEmptyIDResetsIt() {
        let result = parse("id: 1\ndata: a\n\ndata: b\n\nid\ndata: c\n\n")
        #expect(
            result.events == [
                .init(data: "a", id: "1"), .init(data: "b", id: "1"), .init(data: "c", id: nil),
            ])
        #expect(result.parser.lastEventID == "")
    }

    @Test func idContainingNULIsIgnored() {
        let result = parse("id: 5\ndata: a\n\nid: 6\u{0}7\ndata: b\n\n")
        #expect(result.events.map(\.id) == ["5", "5"])
        #expect(result.parser.lastEventID == "5")
    }

    @Test func idUpdatesEvenWhenNoEventIsDispatched() {
        let result = parse("id: 9\n\n")
        #expect(result.events.isEmpty)
        #expect(result.parser.lastEventID == "9")
    }

    @Test func retryNeedsOnlyASCIIDigits() {
        #expect(parse("retry: 3000\n").parser.reconnectionTime == 3000)
        for bad in [
            "retry: 30s\n", "retry: -5\n", "retry:\n", "retry: 1.5\n", "retry: ٣\n",
            "retry: 99999999999999999999999\n",
        ] {
            #expect(parse(bad).parser.reconnectionTime == nil, "\(bad)")
        }
        let result = parse("retry: 10\nretry: x\ndata: a\n\n")
        #expect(result.parser.reconnectionTime == 10)
        #expect(result.events == [.init(data: "a", retry: 10)])
    }

    @Test func unknownFieldsAreIgnored() {
        #expect(events("foo: bar\nDATA: no\nData: no\ndata: yes\n\n") == [.init(data: "yes")])
    }

    @Test func blankLineWithEmptyDataBufferDispatchesNothing() {
        #expect(events("\n\n\nevent: x\n\ndata: a\n\n").map(\.type) == ["message"])
    }

    @Test func unterminatedLastEventIsDropped() {
        #expect(events("data: a\n\ndata: b\n") == [.init(data: "a")])
        #expect(events("data: a\n\ndata: b") == [.init(data: "a")])
    }

    @Test func oneLeadingBOMIsDropped() {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        bytes += Array("data: a\n\n".utf8)
        var parser = SSEParser()
        #expect(parser.feed(bytes) == [.init(data: "a")])
        // A second BOM is part of the first field name, so that line is an unknown field.
        var twice = SSEParser()
        #expect(twice.feed([0xEF, 0xBB, 0xBF] + bytes).isEmpty)
    }

    @Test func bomSplitAcrossChunksIsStillDropped() {
        var parser = SSEParser()
        #expect(parser.feed([0xEF]).isEmpty)
        #expect(parser.feed([0xBB]).isEmpty)
        #expect(parser.feed([0xBF] + Array("data: a\n\n".utf8)) == [.init(data: "a")])
    }

    @Test func aPartialBOMIsJustData() {
        var parser = SSEParser()
        // 0xEF 0xBB then 'd': not a BOM; the two bytes begin the field name, which is unknown.
        #expect(parser.feed([0xEF, 0xBB] + Array("data: a\n\ndata: b\n\n".utf8)) == [.init(data: "b")])
    }

    @Test func crAtTheEndOfAChunkAndLFAtTheStartOfTheNextAreOneLineEnd() {
        var parser = SSEParser()
        #expect(parser.feed(Array("data: a\r".utf8)).isEmpty)
        // Had the LF counted as a second line end, "a" would be dispatched here.
        #expect(parser.feed(Array("\ndata: b\r".utf8)).isEmpty)
        #expect(parser.feed(Array("\n\r\n".utf8)) == [.init(data: "a\nb")])
    }

    @Test func malformedUTF8BecomesReplacementCharacters() {
        var parser = SSEParser()
        let bytes: [UInt8] =
            Array("data: a".utf8) + [0xFF, 0xC3] + Array("\nevent: t".utf8) + [0x80] + [0x0A, 0x0A]
        #expect(parser.feed(bytes) == [.init(type: "t\u{FFFD}", data: "a\u{FFFD}\u{FFFD}")])
    }

    @Test func multiByteCharactersSplitAcrossChunksDecode() {
        var parser = SSEParser()
        let bytes = Array("data: 🎉é\n\n".utf8)
        var events: [ServerSentEvent] = []
        for byte in bytes { events += parser.feed([byte]) }
        #expect(events == [.init(data: "🎉é")])
    }

    @Test func finishKeepsIDAndRetryForReconnection() {
        var parser = SSEParser()
        _ = parser.feed(Array("id: 4\nretry: 20\ndata: a\n\nid: 5\ndata: partial".utf8))
        #expect(parser.finish().isEmpty)
        #expect(parser.lastEventID == "4")
        #expect(parser.reconnectionTime == 20)
        #expect(parser.feed(Array("data: next\n\n".utf8)) == [.init(data: "next", id: "4")])
    }
}
