import Testing

@testable import MockServer

@Suite("SSE event boundaries, as stream faults and the journal count them")
struct EventBoundaryScannerTests {
    static let stream = Array("data: a\n\n: comment\n\ndata: b\r\n\r\nid: 1\ndata: c\r\rdata: tail".utf8)

    /// Offsets where events end when the whole stream arrives at once.
    static func ends(_ pieces: [[UInt8]]) -> [Int] {
        var scanner = EventBoundaryScanner()
        var offset = 0
        var out: [Int] = []
        for piece in pieces {
            out += scanner.feed(piece).map { $0 + offset }
            offset += piece.count
        }
        return out
    }

    @Test("LF, CRLF and CR blank lines each end an event; a comment block counts as one")
    func wholeStream() {
        let ends = Self.ends([Self.stream])
        #expect(ends.count == 4)
        #expect(ends.first == 9)
        // The CRLF event ends after its final LF.
        #expect(Self.stream[ends[2] - 1] == UInt8(ascii: "\n"))
    }

    @Test("any split of the input at one byte boundary finds the same ends")
    func everySplit() {
        let expected = Self.ends([Self.stream])
        for cut in 0...Self.stream.count {
            let split = [Array(Self.stream[..<cut]), Array(Self.stream[cut...])]
            let found = Self.ends(split)
            // A CRLF split between CR and LF is reported after the CR: the same event count,
            // never an extra or a missing event.
            #expect(found.count == expected.count, "split at \(cut)")
        }
    }

    @Test("blank lines with no event before them are not events")
    func leadingBlankLines() {
        #expect(Self.ends([Array("\n\n\r\n\n".utf8)]).isEmpty)
    }

    @Test("journal event data: data lines joined, comments skipped, a cut tail kept")
    func eventData() {
        let bytes = Array("data: one\ndata:two\n\n: note\n\nevent: x\ndata\n\ndata: {\"cut".utf8)
        #expect(StreamEventData.events(in: bytes) == ["one\ntwo", "", "{\"cut"])
    }
}
