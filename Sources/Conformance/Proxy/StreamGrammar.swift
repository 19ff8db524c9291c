import EventStream
import JSONSchema

/// Follows one CID222 message stream event by event as it passes, and judges its grammar:
/// filter warnings, then the reply (deltas, or `input_rejected`), `context_usage`,
/// `message_stop`, then whatever the deployment ends with (`[DONE]` by convention). An
/// `error` event may cut the turn short anywhere. Each event is also checked against its
/// schema. The type may travel in the JSON `type` or in the `event:` line.
struct StreamGrammar: Sendable {
    /// Where in the grammar the stream is; each event may only keep or advance it.
    private enum Phase: Int, Comparable {
        case warnings, reply, usage, stop, done
        static func < (lhs: Phase, rhs: Phase) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    private let validator: ResponseValidator
    private(set) var verdicts = VerdictList()
    private var phase = Phase.warnings
    private var outOfOrder: String?
    private var index = 0
    private(set) var deltaCount = 0
    private(set) var sawUsage = false
    private(set) var sawStop = false
    private(set) var sawDone = false
    private(set) var sawError = false
    private(set) var rejected = false
    /// The joined delta texts: what a later GET must show as the assistant's reply.
    private(set) var replyText = ""
    /// The session totals `context_usage` reported, when it did.
    private(set) var sessionTokens: Double?

    init(validator: ResponseValidator) {
        self.validator = validator
    }

    /// Judges one event as soon as it is complete.
    mutating func observe(_ event: ServerSentEvent) {
        defer { index += 1 }
        if event.data == "[DONE]" {
            advance(to: .done, "[DONE]")
            sawDone = true
            return
        }
        guard let payload = try? JSONValue.parse(event.data), case .object = payload else {
            verdicts.fail(
                "CID-STREAM-DATA-LINES", expected: "event data holding a JSON object",
                actual: "event \(index): \(event.data.prefix(80))")
            return
        }
        let namedByLine = event.type != "message"
        guard let type = payload["type"]?.stringValue ?? (namedByLine ? event.type : nil) else {
            verdicts.fail("CID-STREAM-DATA-LINES", expected: "a type", actual: "event \(index) has none")
            return
        }
        verdicts.check(
            "CID-STREAM-DATA-LINES", !namedByLine && payload["type"] != nil,
            expected: "the type in the JSON and no event: line",
            actual: "event \(index) uses event: \(event.type)")
        var typed = payload
        if typed["type"] == nil, case .object(var object) = typed {
            object["type"] = .string(type)
            typed = .object(object)
        }
        judge(type: type, payload: typed)
    }

    private mutating func judge(type: String, payload: JSONValue) {
        if sawError {
            outOfOrder = outOfOrder ?? "\(type) (event \(index)) after an error event"
        }
        switch type {
        case "filter_warning":
            advance(to: .warnings, type)
            validate(payload, "FilterWarningEvent", "CID-STREAM-FILTER-WARNING-SHAPE")
        case "content_block_delta":
            advance(to: .reply, type)
            deltaCount += 1
            validate(payload, "ContentBlockDeltaEvent", "CID-STREAM-DELTA-SHAPE")
            let text =
                payload["delta"]?["text"]?.stringValue ?? payload["delta"]?.stringValue
                ?? payload["text"]?.stringValue
            replyText += text ?? ""
        case "input_rejected":
            advance(to: .reply, type)
            rejected = true
            validate(payload, "InputRejectedEvent", "CID-STREAM-INPUT-REJECTED")
        case "context_usage":
            advance(to: .usage, type)
            sawUsage = true
            validate(payload, "ContextUsageEvent", "CID-STREAM-CONTEXT-USAGE-SHAPE")
            judgeUsage(payload)
        case "message_stop":
            advance(to: .stop, type)
            sawStop = true
            validate(payload, "MessageStopEvent", "CID-STREAM-STOP-REASON")
        case "error":
            sawError = true
            validate(payload, "StreamErrorEvent", "CID-STREAM-ERROR-EVENT")
        default:
            break  // Event types the seed does not name are allowed.
        }
    }

    /// `context_tokens` within `context_limit` (documented, where reported) and the turn's
    /// arithmetic (inferred).
    private mutating func judgeUsage(_ payload: JSONValue) {
        if let tokens = payload["context_tokens"]?.doubleValue,
            let limit = payload["context_limit"]?.doubleValue
        {
            verdicts.check(
                "CID-CONTEXT-WITHIN-LIMIT", tokens <= limit,
                expected: "context_tokens ≤ context_limit \(limit)",
                actual: "\(tokens)")
        }
        let usage = payload["usage"]
        if let input = usage?["input_tokens"]?.doubleValue, let output = usage?["output_tokens"]?.doubleValue,
            let total = usage?["total_tokens"]?.doubleValue
        {
            verdicts.check(
                "CID-TOKENS-TURN-SUM", total == input + output, expected: "total_tokens \(input + output)",
                actual: "\(total)")
        }
        sessionTokens = payload["session_usage"]?["total_tokens"]?.doubleValue
    }

    private mutating func advance(to next: Phase, _ type: String) {
        if next < phase || (phase == .done) || (next == phase && (next == .usage || next == .stop)) {
            outOfOrder = outOfOrder ?? "\(type) (event \(index)) after the stream reached \(phase)"
        }
        if next > phase { phase = next }
    }

    private mutating func validate(_ payload: JSONValue, _ schema: String, _ id: String) {
        validator.validate(payload, as: schema, api: .cid222, id: id, at: "event \(index)", into: &verdicts)
    }

    /// Whether the turn completed: it stopped and no error cut it short.
    var completedTurn: Bool { sawStop && !sawError }

    /// The verdicts that need the whole stream. `cutShort` is set when the client left or the
    /// target's connection broke: what was seen is judged, the missing end is not.
    mutating func finish(cutShort: Bool) -> VerdictList {
        verdicts.check(
            "CID-STREAM-ORDER", outOfOrder == nil,
            expected: "filter warnings, deltas, context_usage, message_stop, then the end marker",
            actual: outOfOrder ?? "")
        guard !cutShort, !sawError else { return verdicts }
        verdicts.check(
            "CID-STREAM-MESSAGE-STOP", sawStop, expected: "a message_stop event",
            actual: "none in \(index) events")
        if !rejected {
            verdicts.check(
                "CID-STREAM-CONTEXT-USAGE", sawUsage, expected: "a context_usage event",
                actual: "none in \(index) events")
            verdicts.check(
                "CID-STREAM-CONTENT-BLOCK-DELTA", deltaCount > 0,
                expected: "the reply in content_block_delta events",
                actual: "no content_block_delta in \(index) events")
        }
        verdicts.check("CID-STREAM-DONE", sawDone, expected: "data: [DONE] last", actual: "no [DONE]")
        return verdicts
    }
}
