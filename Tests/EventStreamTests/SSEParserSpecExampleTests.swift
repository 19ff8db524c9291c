import EventStream
import Testing

/// The example streams of the WHATWG HTML standard's server-sent events section, fed whole
/// and split at every byte boundary.
@Suite struct SSEParserSpecExampleTests {
    static let examples: [(stream: String, expected: [ServerSentEvent])] = [
        ("data: YHOO\ndata: +2\ndata: 10\n\n", [.init(data: "YHOO\n+2\n10")]),
        (
            ": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n",
            [.init(data: "first event", id: "1"), .init(data: "second event", id: nil)]
        ),
        ("data\n\ndata\ndata\n\ndata:", [.init(data: ""), .init(data: "\n")]),
        ("data:test\n\ndata: test\n\n", [.init(data: "test"), .init(data: "test")]),
    ]

    static let mixedSample: String =
        "\u{FEFF}: hi\r\nretry: 250\r\nevent: a\r\nid: x1\r\ndata: one\r\ndata:two\r\n\r\n"
        + "data: ü🎉\rid: \r\r: c\ndata: three\n\nevent: z\ndata\n\n"
    static let mixedExpected: [ServerSentEvent] = [
        .init(type: "a", data: "one\ntwo", id: "x1", retry: 250),
        .init(data: "ü🎉", id: nil),
        .init(data: "three"),
        .init(type: "z", data: ""),
    ]

    private func parseWhole(_ bytes: [UInt8]) -> [ServerSentEvent] {
        var parser = SSEParser()
        return parser.feed(bytes) + parser.finish()
    }

    @Test func examplesParseAsTheStandardDescribes() {
        for example in Self.examples {
            #expect(parseWhole(Array(example.stream.utf8)) == example.expected, "\(example.stream)")
        }
        #expect(parseWhole(Array(Self.mixedSample.utf8)) == Self.mixedExpected)
    }

    @Test func everySplitIntoTwoChunksGivesTheSameEvents() {
        for (stream, expected) in Self.examples + [(Self.mixedSample, Self.mixedExpected)] {
            let bytes = Array(stream.utf8)
            for cut in 0...bytes.count {
                var parser = SSEParser()
                let events = parser.feed(bytes[..<cut]) + parser.feed(bytes[cut...]) + parser.finish()
                #expect(events == expected, "cut at \(cut) of \(stream.debugDescription)")
            }
        }
    }

    @Test func everySplitIntoThreeChunksGivesTheSameEvents() {
        let bytes = Array(Self.mixedSample.utf8)
        for first in 0...bytes.count {
            for second in first...bytes.count {
                var parser = SSEParser()
                var events = parser.feed(bytes[..<first])
                events += parser.feed(bytes[first..<second])
                events += parser.feed(bytes[second...])
                #expect(events == Self.mixedExpected, "cuts at \(first), \(second)")
            }
        }
    }

    @Test func byteAtATimeGivesTheSameEvents() {
        var parser = SSEParser()
        var events: [ServerSentEvent] = []
        for byte in Array(Self.mixedSample.utf8) { events += parser.feed([byte]) }
        #expect(events == Self.mixedExpected)
    }
}
