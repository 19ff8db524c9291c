import HTTPServer
import SessionsAPI

/// Turns a recorded answer back into a response.
enum ReplayResponse {
    /// Headers the server computes for its own connection; replaying recorded ones would lie
    /// about the framing (RFC 9110 §7.6.1 hop-by-hop fields, plus the framing and `Date`).
    static let notReplayed: Set<String> = [
        "content-length", "transfer-encoding", "connection", "date", "keep-alive", "proxy-connection", "te",
        "trailer", "upgrade",
    ]

    static func make(_ exchange: RecordedExchange, speed: Double?) -> HTTPResponse {
        guard let recorded = exchange.response else {
            // The recorded request got no answer (e.g. the connection broke): do the same.
            return HTTPResponse(status: 502, body: .resetConnection)
        }
        var headers = HTTPHeaders()
        for header in recorded.headers where !notReplayed.contains(header.name.lowercased()) {
            headers.add(header.name, header.value)
        }
        if let chunks = recorded.chunks ?? recorded.events.map(encode) {
            let pacing = ReplayPacing(offsets: recorded.chunkOffsetsMs, speed: speed)
            return HTTPResponse(
                status: recorded.status, headers: headers,
                body: .writerPacedStream { writer in
                    let start = ContinuousClock.now
                    for (index, chunk) in chunks.enumerated() {
                        if let delay = pacing.delay(beforeChunk: index) {
                            // Offsets count from the start, so time spent writing is not added.
                            let milliseconds = ReplayPacing.millisecondsRoundedUp(
                                start.advanced(by: delay) - ContinuousClock.now)
                            try await writer.pause(milliseconds: Int(clamping: milliseconds))
                        }
                        try await writer.write(chunk)
                    }
                })
        }
        return HTTPResponse(
            status: recorded.status, headers: headers, body: .bytes(Array((recorded.body ?? "").utf8)))
    }

    /// Events without recorded chunks: one `data:` event per chunk, as the WHATWG format
    /// writes them (a recorder that kept only events).
    private static func encode(_ events: [RecordedExchange.Event]) -> [String] {
        events.map { event in
            var text = ""
            if event.type != "message" { text += "event: \(event.type)\n" }
            if let id = event.id { text += "id: \(id)\n" }
            for line in event.data.split(separator: "\n", omittingEmptySubsequences: false) {
                text += "data: \(line)\n"
            }
            return text + "\n"
        }
    }
}

/// When each replayed chunk is due: its recorded offset divided by the speed. Without
/// offsets or without a speed, never (as fast as the socket takes them).
struct ReplayPacing: Sendable, Equatable {
    var offsets: [Int]?
    var speed: Double?

    static func millisecondsRoundedUp(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
    }

    func delay(beforeChunk index: Int) -> Duration? {
        guard let offsets, let speed, speed > 0, speed.isFinite, offsets.indices.contains(index) else {
            return nil
        }
        let milliseconds = Double(max(offsets[index], 0)) / speed
        guard milliseconds > 0, milliseconds < 86_400_000 else { return nil }
        return .microseconds(Int64(milliseconds * 1000))
    }
}
