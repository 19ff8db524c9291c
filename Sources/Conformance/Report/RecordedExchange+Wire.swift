import EventStream
import SessionsAPI

extension RecordedExchange {
    /// What `--record` keeps of one wire exchange: credentials redacted, only end-to-end
    /// response headers (see `EndToEndHeaders`), streams as parsed events plus raw chunks.
    init(
        step: String, iteration: Int, request: WireRequest, response: WireResponse?, error: String?,
        redactor: Redactor
    ) {
        let recordedRequest = Request(
            method: request.method, target: redactor.redact(request.target),
            headers: redactor.redact(request.headers),
            body: request.body.map { Self.text($0, redactor: redactor) })
        self.init(
            step: step, iteration: iteration, request: recordedRequest,
            response: response.map { Self.recorded($0, redactor: redactor) }, error: error)
    }

    private static func recorded(_ response: WireResponse, redactor: Redactor) -> Response {
        let headers = redactor.redact(EndToEndHeaders.recorded(response.headers))
        guard response.mediaType == "text/event-stream" else {
            return Response(
                status: response.status, headers: headers, body: text(response.body, redactor: redactor),
                events: nil, chunks: nil)
        }
        let reading = StreamReading(chunks: response.chunks)
        return Response(
            status: response.status, headers: headers, body: nil,
            events: reading.events.map { Event(type: $0.type, data: redactor.redact($0.data), id: $0.id) },
            chunks: response.chunks.map { redactor.redact(String(decoding: $0, as: UTF8.self)) })
    }

    /// Bodies past this are size-limit probes (megabytes of filler), summarized rather than
    /// stored; a full page of 100 sessions (about 20 KiB) stays well below it, so replay can
    /// serve it back.
    static let largestStoredBody = 256 * 1024

    private static func text(_ bytes: [UInt8], redactor: Redactor) -> String {
        if bytes.count > largestStoredBody { return "<\(bytes.count) bytes>" }
        return redactor.redact(String(decoding: bytes, as: UTF8.self))
    }
}
