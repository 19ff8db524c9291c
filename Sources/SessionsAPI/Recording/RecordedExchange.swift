/// One request of a transcript and what came back.
public struct RecordedExchange: Codable, Sendable, Equatable {
    public struct Request: Codable, Sendable, Equatable {
        public var method: String
        public var target: String
        public var headers: [WireHeader]
        /// The body as text; `<N bytes>` stands for a large body the recorder summarized.
        public var body: String?

        public init(method: String, target: String, headers: [WireHeader], body: String?) {
            self.method = method
            self.target = target
            self.headers = headers
            self.body = body
        }
    }

    public struct Event: Codable, Sendable, Equatable {
        public var type: String
        public var data: String
        public var id: String?

        public init(type: String, data: String, id: String?) {
            self.type = type
            self.data = data
            self.id = id
        }
    }

    public struct Response: Codable, Sendable, Equatable {
        public var status: Int
        public var headers: [WireHeader]
        /// The body as text, for answers that are not event streams.
        public var body: String?
        /// For event streams: the events as parsed, and the raw chunks as they arrived.
        public var events: [Event]?
        public var chunks: [String]?
        /// Optional pacing for a replay: milliseconds from the start of the response to each
        /// chunk. The runner records none (equal runs must give equal bytes); a recorder of
        /// real deployments may. Left out of the JSON when nil.
        public var chunkOffsetsMs: [Int]?

        public init(
            status: Int, headers: [WireHeader], body: String?, events: [Event]?, chunks: [String]?,
            chunkOffsetsMs: [Int]? = nil
        ) {
            self.status = status
            self.headers = headers
            self.body = body
            self.events = events
            self.chunks = chunks
            self.chunkOffsetsMs = chunkOffsetsMs
        }
    }

    public var step: String
    public var iteration: Int
    public var request: Request
    /// Nil when no answer came; `error` then says why.
    public var response: Response?
    public var error: String?

    public init(step: String, iteration: Int, request: Request, response: Response?, error: String?) {
        self.step = step
        self.iteration = iteration
        self.request = request
        self.response = response
        self.error = error
    }
}
