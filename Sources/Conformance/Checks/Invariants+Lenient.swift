import JSONSchema

/// Checks that judge only what a seed fixes and read the rest the way the target chose to
/// write it: a list in any of the usual shapes, a filter warning of any shape, a count
/// compared with the messages it counts.
extension Invariants {
    /// The list answer (args `list`, else the answer) is a bare array of sessions or an
    /// object holding one under `data` or `sessions`.
    static let isList: Check = { input in
        let value = input.arguments["list"] ?? input.document
        return items(of: value) == nil
            ? "neither an array nor an object holding one under data or sessions: \(JSONAccess.brief(value))"
            : nil
    }

    /// `message_count` equals the number of `messages` (args, the array a GET showed). The
    /// session is args `session`, or the entry with args `id` in args `list`, or the answer.
    /// A list that does not hold the session blocks the check: which page a session lands
    /// on is the order's business, not the count's.
    static let messageCount: Check = { input throws(InvariantBlocked) in
        guard let messages = input.arguments["messages"]?.arrayValue else {
            return "args.messages is not an array"
        }
        let session: JSONValue
        if let given = input.arguments["session"] {
            session = given
        } else if let id = input.arguments["id"]?.stringValue {
            guard let list = items(of: input.arguments["list"] ?? input.document) else { return "no list" }
            guard let entry = list.first(where: { $0["id"]?.stringValue == id }) else {
                throw InvariantBlocked(reason: "session \(id) is not on this page of the list")
            }
            session = entry
        } else {
            session = input.document
        }
        guard let count = session["message_count"] else { return "the session has no message_count" }
        return count.intValue == messages.count
            ? nil
            : "message_count is \(JSONAccess.brief(count)) but the session holds \(messages.count) messages"
    }

    /// Args: `values`, numbers that each exceed the one before.
    static let increasing: Check = { input in
        guard let values = input.arguments["values"]?.arrayValue else { return "args.values is not an array" }
        let numbers = values.compactMap(JSONAccess.number)
        guard numbers.count == values.count else { return "args.values holds non-numbers" }
        for index in numbers.indices.dropFirst() where numbers[index] <= numbers[index - 1] {
            return
                "value \(index) (\(numbers[index])) does not exceed the one before (\(numbers[index - 1])): \(numbers)"
        }
        return nil
    }

    /// Some event besides the reply's own (deltas, usage, stop, end marker) mentions an
    /// image, in a member name or in any text: the seed says the image is redacted, not how
    /// a deployment words the warning.
    static let mentionsImage: Check = { input in
        guard let stream = input.stream else { return "the answer is not an event stream" }
        let replyTypes: Set<String> = ["content_block_delta", "context_usage", "message_stop"]
        let warnings = stream.typedPayloads.filter { payload in
            guard case .object = payload else { return false }
            return !replyTypes.contains(payload["type"]?.stringValue ?? "")
        }
        return warnings.contains(where: mentions("image"))
            ? nil : "no event mentions the image (types: \(stream.types))"
    }

    /// The turn was answered: reply text arrived and no `error` event came. Whether the
    /// stream then ends with `message_stop` is that requirement's own check.
    static let completeReply: Check = { input in
        guard let stream = input.stream else { return "the answer is not an event stream" }
        if stream.types.contains("error") { return "the stream reports an error (types: \(stream.types))" }
        if stream.joinedText.isEmpty { return "no reply text arrived (types: \(stream.types))" }
        return nil
    }

    /// The turn's model input holds the turn before it: args `usage` (this turn's) has
    /// `input_tokens` at least the `total_tokens` of args `previous` (the turn before). Only
    /// usage in the shape the vendor's docs give can be read this way; usage that reports
    /// cached input apart (`cache_read_input_tokens`, as some providers do) or no such fields
    /// blocks the check rather than failing what the seed states.
    static let contextGrows: Check = { input throws(InvariantBlocked) in
        let usage = input.arguments["usage"] ?? .null
        let previous = input.arguments["previous"] ?? .null
        if (JSONAccess.entries(of: usage) ?? []).contains(where: { $0.0.lowercased().contains("cache") }) {
            throw InvariantBlocked(
                reason: "the usage reports cached input apart, so input_tokens need not hold it")
        }
        guard let now = usage["input_tokens"]?.intValue, let before = previous["total_tokens"]?.intValue
        else {
            throw InvariantBlocked(reason: "the usage does not report input_tokens and total_tokens")
        }
        return now >= before
            ? nil : "the turn's input_tokens (\(now)) are fewer than the previous turn's tokens (\(before))"
    }

    /// Whether `word` appears, case-insensitively, in a member name or a string anywhere in
    /// a value.
    private static func mentions(_ word: String) -> (JSONValue) -> Bool {
        func search(_ value: JSONValue) -> Bool {
            switch value {
            case .string(let text): return text.lowercased().contains(word)
            case .array(let items): return items.contains(where: search)
            case .object:
                return (JSONAccess.entries(of: value) ?? []).contains { key, member in
                    key.lowercased().contains(word) || search(member)
                }
            default: return false
            }
        }
        return search
    }
}
