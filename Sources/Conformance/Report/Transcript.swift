import Foundation

/// One scenario's exchanges as `--record` writes them: credentials redacted, no wall-clock
/// durations and only end-to-end response headers in name order (no `Date`, `Server` or
/// framing fields, see `EndToEndHeaders`), keys sorted, so equal runs give equal bytes over any transport.
public struct Transcript: Codable, Sendable, Equatable {
    public var scenario: String
    public var api: String
    public var exchanges: [RecordedExchange]

    /// Pretty JSON with sorted keys and a final newline.
    public func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return [] }
        return Array(data) + [0x0A]
    }
}

public struct RecordedExchange: Codable, Sendable, Equatable {
    public struct Request: Codable, Sendable, Equatable {
        public var method: String
        public var target: String
        public var headers: [WireHeader]
        public var body: String?
    }

    public struct Event: Codable, Sendable, Equatable {
        public var type: String
        public var data: String
        public var id: String?
    }

    public struct Response: Codable, Sendable, Equatable {
        public var status: Int
        public var headers: [WireHeader]
        /// The body as text, for answers that are not event streams.
        public var body: String?
        /// For event streams: the events as parsed, and the raw chunks as they arrived.
        public var events: [Event]?
        public var chunks: [String]?
    }

    public var step: String
    public var iteration: Int
    public var request: Request
    /// Nil when no answer came; `error` then says why.
    public var response: Response?
    public var error: String?

    init(
        step: String, iteration: Int, request: WireRequest, response: WireResponse?, error: String?,
        redactor: Redactor
    ) {
        self.step = step
        self.iteration = iteration
        self.request = Request(
            method: request.method, target: redactor.redact(request.target),
            headers: redactor.redact(request.headers),
            body: request.body.map { Self.text($0, redactor: redactor) })
        self.error = error
        guard let response else {
            self.response = nil
            return
        }
        let headers = redactor.redact(EndToEndHeaders.recorded(response.headers))
        if response.mediaType == "text/event-stream" {
            let reading = StreamReading(chunks: response.chunks)
            self.response = Response(
                status: response.status, headers: headers, body: nil,
                events: reading.events.map {
                    Event(type: $0.type, data: redactor.redact($0.data), id: $0.id)
                },
                chunks: response.chunks.map { redactor.redact(String(decoding: $0, as: UTF8.self)) })
        } else {
            self.response = Response(
                status: response.status, headers: headers, body: Self.text(response.body, redactor: redactor),
                events: nil, chunks: nil)
        }
    }

    /// Large bodies (size-limit probes) are summarized rather than stored.
    private static func text(_ bytes: [UInt8], redactor: Redactor) -> String {
        if bytes.count > 16 * 1024 { return "<\(bytes.count) bytes>" }
        return redactor.redact(String(decoding: bytes, as: UTF8.self))
    }
}
