/// `filter_warning`: PII masked in `content`, or an image redacted. `start`/`end` are Unicode
/// scalar offsets into the original content (end exclusive); absent for images.
public struct CID222FilterWarning: Codable, Sendable, Equatable {
    public var type = "filter_warning"
    /// `email`, `phone`, `credit_card`, `iban` or `image`.
    public var entity: String
    /// `content` or `imageBase64`.
    public var field: String
    /// `masked` or `redacted`.
    public var action: String
    public var start: Int?
    public var end: Int?
    public var replacement: String?
    public var message: String

    public init(
        entity: String, field: String, action: String, start: Int?, end: Int?, replacement: String?,
        message: String
    ) {
        self.entity = entity
        self.field = field
        self.action = action
        self.start = start
        self.end = end
        self.replacement = replacement
        self.message = message
    }
}

/// `content_block_delta`: one piece of the reply.
public struct CID222ContentBlockDelta: Codable, Sendable, Equatable {
    public struct Delta: Codable, Sendable, Equatable {
        public var type = "text_delta"
        public var text: String
        public init(text: String) { self.text = text }
    }

    public var type = "content_block_delta"
    public var index = 0
    public var delta: Delta

    public init(text: String) {
        delta = Delta(text: text)
    }
}

/// The token figures of one turn.
public struct CID222TurnUsage: Codable, Sendable, Equatable {
    public var inputTokens: Int
    public var outputTokens: Int
    public var totalTokens: Int
    public var cost: Double

    public init(inputTokens: Int, outputTokens: Int, totalTokens: Int, cost: Double) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.totalTokens = totalTokens
        self.cost = cost
    }

    enum CodingKeys: String, CodingKey {
        case inputTokens = "input_tokens"
        case outputTokens = "output_tokens"
        case totalTokens = "total_tokens"
        case cost
    }
}

/// `context_usage`: what the model saw this turn and what the turn cost.
public struct CID222ContextUsage: Codable, Sendable, Equatable {
    public var type = "context_usage"
    public var contextTokens: Int
    public var contextLimit: Int
    public var summarized: Bool
    /// How many of the oldest history messages the model saw only through the summary.
    public var summarizedMessages: Int
    public var usage: CID222TurnUsage
    public var sessionUsage: CID222TokenUsage

    public init(
        contextTokens: Int, contextLimit: Int, summarized: Bool, summarizedMessages: Int,
        usage: CID222TurnUsage,
        sessionUsage: CID222TokenUsage
    ) {
        self.contextTokens = contextTokens
        self.contextLimit = contextLimit
        self.summarized = summarized
        self.summarizedMessages = summarizedMessages
        self.usage = usage
        self.sessionUsage = sessionUsage
    }

    enum CodingKeys: String, CodingKey {
        case type
        case contextTokens = "context_tokens"
        case contextLimit = "context_limit"
        case summarized
        case summarizedMessages = "summarized_messages"
        case usage
        case sessionUsage = "session_usage"
    }
}

/// `message_stop`: `end_turn`, `max_tokens` or `input_rejected`.
public struct CID222MessageStop: Codable, Sendable, Equatable {
    public var type = "message_stop"
    public var stopReason: String

    public init(stopReason: String) {
        self.stopReason = stopReason
    }

    enum CodingKeys: String, CodingKey {
        case type
        case stopReason = "stop_reason"
    }
}

/// `input_rejected`: the prompt hit the blocklist; no model call, nothing stored.
public struct CID222InputRejected: Codable, Sendable, Equatable {
    public var type = "input_rejected"
    public var reason = "blocked_content"
    public var message: String

    public init(message: String) {
        self.message = message
    }
}

/// `error`: the stream failed after it had started.
public struct CID222StreamError: Codable, Sendable, Equatable {
    public struct Detail: Codable, Sendable, Equatable {
        public var type: String
        public var message: String
        public init(type: String, message: String) {
            self.type = type
            self.message = message
        }
    }

    public var type = "error"
    public var error: Detail

    public init(type: String, message: String) {
        error = Detail(type: type, message: message)
    }
}

/// Any event of a CID222 message stream, told apart by its `type`.
public enum CID222StreamEvent: Decodable, Sendable, Equatable {
    case filterWarning(CID222FilterWarning)
    case contentBlockDelta(CID222ContentBlockDelta)
    case contextUsage(CID222ContextUsage)
    case messageStop(CID222MessageStop)
    case inputRejected(CID222InputRejected)
    case error(CID222StreamError)
    /// A type this client does not know; kept so a reader can skip it.
    case unknown(String)

    private enum TypeKey: String, CodingKey { case type }

    public init(from decoder: any Decoder) throws {
        let type = try decoder.container(keyedBy: TypeKey.self).decode(String.self, forKey: .type)
        switch type {
        case "filter_warning": self = .filterWarning(try CID222FilterWarning(from: decoder))
        case "content_block_delta": self = .contentBlockDelta(try CID222ContentBlockDelta(from: decoder))
        case "context_usage": self = .contextUsage(try CID222ContextUsage(from: decoder))
        case "message_stop": self = .messageStop(try CID222MessageStop(from: decoder))
        case "input_rejected": self = .inputRejected(try CID222InputRejected(from: decoder))
        case "error": self = .error(try CID222StreamError(from: decoder))
        default: self = .unknown(type)
        }
    }
}
