/// A transcript as `sessions check --record` writes it, decoded on the mock's side.
///
/// MockServer must not depend on the Conformance module, so these types mirror the JSON
/// format of `Conformance.Transcript` field by field (a test decodes a runner-written file).
/// Unknown fields are ignored, so a newer recorder stays readable.
public struct ReplayTranscript: Decodable, Sendable, Equatable {
    public var scenario: String
    public var api: String
    public var exchanges: [ReplayExchange]
}

/// One header line as recorded; order and repeats are kept.
public struct ReplayHeader: Decodable, Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One request and what came back.
public struct ReplayExchange: Decodable, Sendable, Equatable {
    public struct Request: Decodable, Sendable, Equatable {
        public var method: String
        public var target: String
        public var headers: [ReplayHeader]
        /// The body as text; `<N bytes>` stands for a large body the recorder summarized.
        public var body: String?
    }

    public struct Event: Decodable, Sendable, Equatable {
        public var type: String
        public var data: String
        public var id: String?
    }

    public struct Response: Decodable, Sendable, Equatable {
        public var status: Int
        public var headers: [ReplayHeader]
        public var body: String?
        public var events: [Event]?
        /// Stream chunks exactly as the recorder received them.
        public var chunks: [String]?
        /// Optional pacing: milliseconds from the start of the response to each chunk. The
        /// runner's golden transcripts carry none; a recorder of real deployments may.
        public var chunkOffsetsMs: [Int]?
    }

    public var step: String
    public var iteration: Int
    public var request: Request
    /// Nil when the recorded request got no answer (`error` says why).
    public var response: Response?
    public var error: String?
}
