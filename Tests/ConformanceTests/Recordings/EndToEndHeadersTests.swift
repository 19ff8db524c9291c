import Conformance
import SessionsAPI
import Testing

@Suite struct EndToEndHeadersTests {
    private func names(_ headers: [(String, String)]) -> [String] {
        EndToEndHeaders.filter(headers.map { WireHeader(name: $0.0, value: $0.1) }).map(\.name)
    }

    @Test func transportFieldsAreDroppedWhateverTheirCase() {
        let kept = names([
            ("content-type", "application/json"), ("Content-Length", "12"), ("TRANSFER-ENCODING", "chunked"),
            ("Connection", "keep-alive"), ("Keep-Alive", "timeout=5"),
            ("Date", "Thu, 15 Jan 2026 10:30:00 GMT"),
            ("Server", "sessions-mock"), ("Cache-Control", "no-cache"), ("Upgrade", "h2c"),
            ("TE", "trailers"),
        ])
        #expect(kept == ["content-type", "Cache-Control"])
    }

    @Test func fieldsNamedByConnectionAreHopByHop() {
        let kept = names([
            ("Connection", "close, X-Trace-Hop ,, "), ("x-trace-hop", "1"), ("X-Request-Id", "r1"),
        ])
        #expect(kept == ["X-Request-Id"])
    }

    @Test func orderAndRepeatsOfEndToEndFieldsAreKept() {
        let kept = names([("Set-Cookie", "a=1"), ("Vary", "Accept"), ("Set-Cookie", "b=2"), ("Allow", "GET")])
        #expect(kept == ["Set-Cookie", "Vary", "Set-Cookie", "Allow"])
    }

    @Test func nothingToKeepGivesNothing() {
        #expect(names([]) == [])
        #expect(names([("Content-Length", "0")]) == [])
    }
}

@Suite struct RecordedHeaderOrderTests {
    @Test func recordedHeadersAreInNameOrderAndRepeatsKeepTheirOrder() {
        let headers = [
            ("Vary", "Accept"), ("content-type", "text/event-stream"), ("Set-Cookie", "b=2"),
            ("Cache-Control", "no-cache"), ("set-cookie", "a=1"), ("Content-Length", "5"),
        ]
        .map { WireHeader(name: $0.0, value: $0.1) }
        let recorded = EndToEndHeaders.recorded(headers).map { "\($0.name): \($0.value)" }
        #expect(
            recorded == [
                "Cache-Control: no-cache", "content-type: text/event-stream", "Set-Cookie: b=2",
                "set-cookie: a=1",
                "Vary: Accept",
            ])
    }

    @Test func anyArrivalOrderRecordsAlike() {
        let forward = [
            WireHeader(name: "Content-Type", value: "a"), WireHeader(name: "Cache-Control", value: "b"),
        ]
        #expect(EndToEndHeaders.recorded(forward) == EndToEndHeaders.recorded(forward.reversed()))
    }
}
