import HTTPServer
import JSONSchema

/// `POST /sessions/:id/messages`: validates the turn, runs it against the stand-in model and
/// answers with an event stream.
extension IndependentCID222 {
    struct Turn: Sendable {
        var content: String
        var model: String
        var maxTokens: Int?
        var hasImage: Bool
    }

    /// A valid turn, or the answer refusing it (`Result` needs an `Error`, which a response is not).
    enum Parsed {
        case turn(Turn)
        case refused(HTTPResponse)
    }

    static let providers = ["openai", "azure_openai", "anthropic", "google"]

    // Differs: the mock bounds temperature to 0…2 and top_p to 0…1, wants a whole max_tokens
    // and refuses an empty content or an image that is not base64, all with 400 vs we take
    // any number for temperature and top_p, any positive number for max_tokens (its whole
    // part caps the reply), any string as content or image, and refuse with 422; the seed
    // allows it because it types these fields only as number or string.
    static func parseTurn(_ request: HTTPRequest) -> Parsed {
        let fields: JSONObject
        switch IndependentHTTP.body(of: request) {
        case .empty: fields = JSONObject()
        case .malformed(let reason):
            return .refused(error(400, "malformed_json", "the body is not JSON: \(reason)"))
        case .value(.object(let object)): fields = object
        case .value: return .refused(error(422, "validation_failed", "the body must be a JSON object"))
        }
        func invalid(_ field: String, _ text: String) -> Parsed {
            .refused(error(422, "validation_failed", text, field: field))
        }
        guard case .string(let content)? = fields["content"] else {
            return invalid("content", "content is required and must be a string")
        }
        guard case .string(let model)? = fields["model"], !model.isEmpty else {
            return invalid("model", "model is required and must be a model id")
        }
        switch fields["provider"] {
        case nil, .null?: break
        case .string(let provider)? where providers.contains(provider): break
        default: return invalid("provider", "provider must be one of " + providers.joined(separator: ", "))
        }
        for name in ["temperature", "top_p", "max_tokens"] {
            if let value = fields[name], !value.isNull, !value.isNumber {
                return invalid(name, "\(name) must be a number")
            }
        }
        var maxTokens: Int?
        if let value = fields["max_tokens"]?.doubleValue {
            guard value > 0 else { return invalid("max_tokens", "max_tokens must be positive") }
            maxTokens = max(1, Int(min(value, 1e9)))
        }
        var hasImage = false
        switch fields["imageBase64"] {
        case nil, .null?: break
        case .string(let image)?: hasImage = !image.isEmpty
        default: return invalid("imageBase64", "imageBase64 must be a string")
        }
        return .turn(Turn(content: content, model: model, maxTokens: maxTokens, hasImage: hasImage))
    }

    func send(_ request: HTTPRequest, sessionID: String, _ identity: IndependentJWT.Identity) async
        -> HTTPResponse
    {
        let turn: Turn
        switch Self.parseTurn(request) {
        case .turn(let parsed): turn = parsed
        case .refused(let response): return response
        }
        guard case .found(let session) = await store.lookup(sessionID, tenant: identity.tenant) else {
            return Self.unusable(await store.lookup(sessionID, tenant: identity.tenant))
        }
        let model = IndependentModels.lookup(turn.model)
        let (findings, redacted) = IndependentPII.scan(turn.content)
        let context = IndependentSummarizer.plan(
            history: session.messages.map(\.forModel), newMessage: redacted, limit: model.contextLimit)
        let draft = IndependentReply.text(prompt: redacted, turn: session.messages.count, salt: session.id)
        let (reply, cut) = IndependentReply.cap(
            draft, budget: min(context.replyBudget, turn.maxTokens ?? Int.max))
        let output = IndependentTokens.count(reply)
        let cost = IndependentTokens.cost(model, input: context.inputTokens, output: output)
        // Differs: the mock stores a turn only once `message_stop` has been written vs we
        // store it before the first byte, since the model's answer exists whether or not
        // the client reads it; the seed allows it because it says nothing about a stream the
        // client abandons.
        let committed = await store.commit(
            session.id, tenant: identity.tenant,
            user: IndependentCID222Store.Message(role: "user", content: turn.content, forModel: redacted),
            reply: reply, tokens: context.inputTokens + output, cost: cost)
        guard case .found(let updated) = committed else { return Self.unusable(committed) }
        var events = Self.warnings(findings, image: turn.hasImage)
        events += IndependentStream.deltas(reply).map { text in
            IndependentEvent(
                name: "content_block_delta",
                data: IndependentHTTP.object([
                    ("index", .int(0)), ("delta", IndependentHTTP.object([("text", .string(text))])),
                ]))
        }
        events.append(
            Self.usage(
                model: model, context: context, output: output, cost: cost, session: updated))
        // Differs: the mock's stop reasons are end_turn and max_tokens vs ours are stop and
        // length; the seed allows it because it names the message_stop event, not its values.
        events.append(
            IndependentEvent(
                name: "message_stop",
                data: IndependentHTTP.object([("stop_reason", .string(cut ? "length" : "stop"))])))
        return IndependentStream.response(events)
    }

    // Differs: the mock's filter_warning carries {entity, field, action masked/redacted,
    // start, end, replacement, message} vs ours carries {category, kind, action "redact",
    // offset, length, replacement}, and an image gives {category "image", note} with no
    // entity; the seed allows it because it only says that filter warnings are streamed.
    static func warnings(_ findings: [IndependentFinding], image: Bool) -> [IndependentEvent] {
        var events: [IndependentEvent] = []
        if image {
            events.append(
                IndependentEvent(
                    name: "filter_warning",
                    data: IndependentHTTP.object([
                        ("category", "image"), ("note", "image attachment removed"), ("action", "remove"),
                    ])))
        }
        for finding in findings {
            events.append(
                IndependentEvent(
                    name: "filter_warning",
                    data: IndependentHTTP.object([
                        ("category", "pii"), ("kind", .string(finding.kind)), ("action", "redact"),
                        ("offset", .int(finding.offset)), ("length", .int(finding.length)),
                        ("replacement", .string(finding.placeholder)),
                    ])))
        }
        return events
    }

    // Differs: the mock's context_usage has exactly the contract's fields vs ours adds
    // `model` and `remaining_tokens`, and counts `context_tokens` as the whole window used
    // (prompt plus reply); the seed allows it because it names the event but not its fields.
    static func usage(
        model: IndependentModel, context: IndependentContext, output: Int, cost: Double,
        session: IndependentCID222Store.Session
    ) -> IndependentEvent {
        let window = context.inputTokens + output
        return IndependentEvent(
            name: "context_usage",
            data: IndependentHTTP.object([
                ("model", .string(model.name)),
                ("context_tokens", .int(window)),
                ("context_limit", .int(model.contextLimit)),
                ("remaining_tokens", .int(max(0, model.contextLimit - window))),
                ("summarized", .bool(context.summarizedMessages > 0)),
                ("summarized_messages", .int(context.summarizedMessages)),
                (
                    "usage",
                    IndependentHTTP.object([
                        ("input_tokens", .int(context.inputTokens)), ("output_tokens", .int(output)),
                        ("total_tokens", .int(window)), ("cost", .double(cost)),
                    ])
                ),
                (
                    "session_usage",
                    IndependentHTTP.object([
                        ("total_tokens", .int(session.totalTokens)),
                        ("total_cost", .double(session.totalCost)),
                    ])
                ),
            ]))
    }
}
