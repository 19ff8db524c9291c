import JSONSchema
import SessionsAPI

/// What an invariant sees: its arguments (placeholders already filled in) and the answer of
/// the step it belongs to.
struct InvariantInput {
    var arguments: JSONValue
    var document: JSONValue
    var stream: StreamReading?
}

/// Thrown by an invariant that cannot judge this answer (the session it looks for is not on
/// the page it was given): the check is blocked, neither passed nor failed.
struct InvariantBlocked: Error {
    var reason: String
}

/// Checks written in Swift, for properties a single pointer rule cannot state: orders,
/// arithmetic and relations across several answers. Each returns nil when the property
/// holds, or what is wrong.
enum Invariants {
    typealias Check = @Sendable (InvariantInput) throws(InvariantBlocked) -> String?

    static let all: [String: Check] = [
        "sseFraming": sseFraming,
        "cid222EventOrder": cid222EventOrder,
        "filterWarningOffsets": filterWarningOffsets,
        "filterWarningsFirst": filterWarningsFirst,
        "historyIntact": historyIntact,
        "mockTokenRule": mockTokenRule,
        "mockCostRule": mockCostRule,
        "nonDecreasing": nonDecreasing,
        "usageArithmetic": usageArithmetic,
        "pagesDisjoint": pagesDisjoint,
        "pagesCover": pagesCover,
        "pageArithmetic": pageArithmetic,
        "newestFirst": newestFirst,
        "listIncludes": listIncludes,
        "listExcludes": listExcludes,
        "isList": isList,
        "messageCount": messageCount,
        "increasing": increasing,
        "mentionsImage": mentionsImage,
        "completeReply": completeReply,
        "contextGrows": contextGrows,
    ]

    static var names: Set<String> { Set(all.keys) }

    // MARK: Streams

    /// Every event is complete, carries data that is JSON with a string `type` (or the
    /// `[DONE]` marker), and the body does not stop inside an event.
    static let sseFraming: Check = { input in
        guard let stream = input.stream else { return "the answer is not an event stream" }
        if stream.events.isEmpty { return "the stream holds no event" }
        if !stream.endsCleanly {
            return "the stream stops inside an event (no blank line after the last one)"
        }
        if let index = stream.malformedIndices.first {
            return "event \(index) carries data that is not JSON: \(JSONAccess.brief(stream.payloads[index]))"
        }
        for (index, payload) in stream.payloads.enumerated() where payload != .string("[DONE]") {
            if payload["type"]?.stringValue == nil { return "event \(index) has no string \"type\"" }
        }
        return nil
    }

    /// Every `filter_warning` comes before the reply (the first delta or `input_rejected`);
    /// the rest of the order is `cid222EventOrder`'s business.
    static let filterWarningsFirst: Check = { input in
        guard let stream = input.stream else { return "the answer is not an event stream" }
        var replyBegan = false
        for (index, type) in stream.types.enumerated() {
            if type == "content_block_delta" || type == "input_rejected" { replyBegan = true }
            if type == "filter_warning", replyBegan {
                return "filter_warning (event \(index)) comes after the reply began"
            }
        }
        return nil
    }

    /// `filter_warning*`, then either `content_block_delta+ context_usage? message_stop` or
    /// `input_rejected message_stop`, then optionally `[DONE]`, and nothing else after.
    /// Unknown event types are tolerated anywhere before `message_stop` (a deployment may
    /// send more kinds than the seed lists).
    static let cid222EventOrder: Check = { input in
        guard let stream = input.stream else { return "the answer is not an event stream" }
        let expectRejection = input.arguments["expect"]?.stringValue == "rejected"
        let known: Set<String> = [
            "filter_warning", "content_block_delta", "context_usage", "message_stop", "input_rejected",
            "error",
        ]
        var seenDelta = false
        var seenUsage = false
        var seenRejection = false
        var stopIndex: Int?
        for (index, payload) in stream.typedPayloads.enumerated() {
            if payload == .string("[DONE]") {
                if index != stream.typedPayloads.count - 1 { return "events follow [DONE]" }
                continue
            }
            guard let type = payload["type"]?.stringValue else { continue }
            if stopIndex != nil { return "\(type) (event \(index)) follows message_stop" }
            switch type {
            case "filter_warning":
                if seenDelta || seenRejection {
                    return "filter_warning (event \(index)) comes after the reply began"
                }
            case "content_block_delta":
                if seenUsage { return "content_block_delta (event \(index)) follows context_usage" }
                if seenRejection { return "content_block_delta (event \(index)) follows input_rejected" }
                seenDelta = true
            case "context_usage":
                if !seenDelta && !expectRejection {
                    return "context_usage (event \(index)) comes before any delta"
                }
                seenUsage = true
            case "input_rejected":
                if seenDelta { return "input_rejected (event \(index)) follows a delta" }
                seenRejection = true
            case "message_stop":
                stopIndex = index
            case "error":
                return "the stream reports an error: \(JSONAccess.brief(payload))"
            default:
                if !known.contains(type) { continue }
            }
        }
        guard stopIndex != nil else { return "no message_stop event (types: \(stream.types))" }
        if expectRejection {
            if !seenRejection { return "expected input_rejected, got \(stream.types)" }
            if seenDelta { return "a rejected input still streamed deltas" }
        } else {
            if seenRejection { return "the input was rejected: \(stream.types)" }
            if !seenDelta { return "no content_block_delta before message_stop" }
        }
        return nil
    }

    /// `filter_warning` offsets fall inside `content` (counted in Unicode scalars, end
    /// exclusive) and come in order of position. Args: `content`.
    static let filterWarningOffsets: Check = { input in
        guard let stream = input.stream else { return "the answer is not an event stream" }
        guard let content = input.arguments["content"]?.stringValue else { return "args.content is missing" }
        let length = content.unicodeScalars.count
        var previousStart = -1
        for payload in stream.typedPayloads where payload["type"]?.stringValue == "filter_warning" {
            guard let start = payload["start"]?.intValue, let end = payload["end"]?.intValue else { continue }
            if !(0 <= start && start < end && end <= length) {
                return
                    "filter_warning range \(start)..<\(end) is not inside the \(length) scalars of the content"
            }
            if start < previousStart { return "filter_warning events are not in order of position" }
            previousStart = start
        }
        return nil
    }

    // MARK: History and usage

    /// The stored history holds, in order, each sent message and its reply. Args:
    /// `context` (the array), `sent` (strings) and optionally `replies` (strings).
    static let historyIntact: Check = { input in
        guard let context = input.arguments["context"]?.arrayValue else {
            return "args.context is not an array"
        }
        let sent = input.arguments["sent"]?.arrayValue?.compactMap(\.stringValue) ?? []
        // Without `replies`, an assistant message only has to be non-empty text: whether it
        // equals the streamed deltas is CID-STREAM-DELTAS-JOIN's check, not this one's.
        let replies = input.arguments["replies"]?.arrayValue?.compactMap(\.stringValue)
        if let replies, sent.count != replies.count { return "args.sent and args.replies differ in length" }
        let expected = sent.enumerated().flatMap { index, text in
            [("user", Optional(text)), ("assistant", replies?[index])]
        }
        if context.count != expected.count {
            return
                "the history holds \(context.count) messages, expected \(expected.count) (\(sent.count) turns)"
        }
        for (index, (role, text)) in expected.enumerated() {
            let message = context[index]
            if message["role"]?.stringValue != role {
                return "message \(index) has role \(JSONAccess.brief(message["role"])), expected \"\(role)\""
            }
            guard let text else {
                if (message["content"]?.stringValue ?? "").isEmpty {
                    return "message \(index) (assistant) has no text: \(JSONAccess.brief(message["content"]))"
                }
                continue
            }
            if message["content"]?.stringValue != text {
                return
                    "message \(index) content differs: expected \(JSONAccess.brief(.string(text), limit: 80)), got \(JSONAccess.brief(message["content"], limit: 80))"
            }
        }
        return nil
    }

    /// The built-in mock's token rule: args `text` holds `tokens` tokens, UTF-8 bytes / 4
    /// rounded up (`TokenCounter`).
    static let mockTokenRule: Check = { input in
        guard let text = input.arguments["text"]?.stringValue,
            let tokens = input.arguments["tokens"]?.intValue
        else { return "args.text or args.tokens is missing" }
        let expected = TokenCounter.count(text)
        return tokens == expected
            ? nil
            : "\(text.utf8.count) UTF-8 bytes make \(expected) tokens by the mock's rule, the answer says \(tokens)"
    }

    /// The built-in mock's price table: args `usage` (input_tokens, output_tokens, cost) of
    /// a turn with `model`.
    static let mockCostRule: Check = { input in
        let usage = input.arguments["usage"] ?? .null
        guard let model = input.arguments["model"]?.stringValue.flatMap(CID222ModelTable.model),
            let inTokens = usage["input_tokens"]?.intValue, let outTokens = usage["output_tokens"]?.intValue,
            let cost = usage["cost"].flatMap(JSONAccess.number)
        else { return "args.model is not in the mock's table, or args.usage lacks tokens or cost" }
        let expected = CID222Model.dollars(
            micros: model.costMicros(inputTokens: inTokens, outputTokens: outTokens))
        return abs(cost - expected) < 0.000_000_5
            ? nil
            : "\(inTokens) in + \(outTokens) out with \(model.id) cost \(expected), the answer says \(cost)"
    }

    /// Args: `values`, numbers that must never go down.
    static let nonDecreasing: Check = { input in
        guard let values = input.arguments["values"]?.arrayValue else { return "args.values is not an array" }
        let numbers = values.compactMap(JSONAccess.number)
        guard numbers.count == values.count else { return "args.values holds non-numbers" }
        for index in numbers.indices.dropFirst() where numbers[index] < numbers[index - 1] {
            return
                "value \(index) (\(numbers[index])) is below the one before (\(numbers[index - 1])): \(numbers)"
        }
        return nil
    }

    /// Args: `usage` (a turn's usage), `session` (the session totals after it) and
    /// `previous` (the session's total tokens before it, default 0): the turn's total is
    /// input + output, and the session total grew by exactly the turn's total.
    static let usageArithmetic: Check = { input in
        guard let usage = input.arguments["usage"], let input_ = usage["input_tokens"]?.intValue,
            let output = usage["output_tokens"]?.intValue, let total = usage["total_tokens"]?.intValue
        else { return "args.usage lacks input_tokens, output_tokens or total_tokens" }
        if total != input_ + output {
            return "usage total_tokens \(total) ≠ input \(input_) + output \(output)"
        }
        guard let session = input.arguments["session"] else { return nil }
        guard let sessionTotal = session["total_tokens"]?.intValue else {
            return "args.session lacks total_tokens"
        }
        let previous = input.arguments["previous"]?.intValue ?? 0
        if sessionTotal != previous + total {
            return "session total_tokens \(sessionTotal) ≠ previous \(previous) + turn \(total)"
        }
        return nil
    }
}
