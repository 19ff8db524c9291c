import JSONSchema
import Locking

/// A reply registered through `POST /__admin/replies`: for messages containing `pattern`
/// (a plain substring, never a regular expression, so matching cannot hang), the mock answers
/// `reply` instead of its deterministic text. For CID222, `events` are extra event payloads
/// (JSON objects, e.g. `filter_warning`) sent before the text deltas.
public struct ScriptedReply: Sendable, Equatable {
    public var id: String
    public var namespace: String
    public var api: MockAPI
    /// nil matches every message.
    public var pattern: String?
    public var ignoreCase: Bool
    public var reply: String
    /// Serialized JSON objects, each with a string `type`, in the order they are sent.
    public var events: [String]
    /// How many more messages it answers; nil means until removed.
    public var remaining: Int?
    public var hits: Int = 0
    /// `pattern` (lowercased when `ignoreCase`), compiled once at registration.
    var matcher: SubstringMatcher?

    /// Linear in the message (`SubstringMatcher`); `message` is the text to search, already
    /// lowercased by the caller when this reply ignores case.
    func matches(api requestAPI: MockAPI, message: MessageText) -> Bool {
        guard api.covers(requestAPI), remaining.map({ $0 > 0 }) ?? true else { return false }
        guard let matcher else { return true }
        return matcher.occurs(in: ignoreCase ? message.lowercased : message.exact)
    }
}

/// A user message as scripted replies search it, lowercased at most once however many
/// replies ignore case.
final class MessageText {
    let exact: String.UTF8View
    private let original: String
    private var lowercasedCache: String.UTF8View?

    init(_ text: String) {
        original = text
        exact = text.utf8
    }

    var lowercased: String.UTF8View {
        if let lowercasedCache { return lowercasedCache }
        let value = original.lowercased().utf8
        lowercasedCache = value
        return value
    }
}

extension ScriptedReply {
    static let fieldNames: Set<String> = ["api", "pattern", "ignore_case", "reply", "events", "times"]
    /// Lengths count Unicode code points, as the admin schema's `maxLength` does.
    static let maxReplyLength = 256 * 1024
    static let maxEvents = 100
    /// Event types the CID222 mock writes itself; a script cannot add them.
    static let reservedEventTypes: Set<String> = ["content_block_delta", "context_usage", "message_stop"]

    init(body: JSONValue, id: String, namespace: String) throws(AdminInputError) {
        let fields = try AdminFields(body)
        try fields.rejectUnknown(allowed: Self.fieldNames)
        var api = MockAPI.any
        if let name = try fields.string("api") {
            guard let parsed = MockAPI(rawValue: name) else {
                throw AdminInputError(field: "api", "must be cid222, konnect or any")
            }
            api = parsed
        }
        let pattern = try fields.string("pattern")
        if let pattern, pattern.isEmpty || pattern.unicodeScalars.count > 4096 {
            throw AdminInputError(
                field: "pattern", "must be 1…4096 characters; omit it to match every message")
        }
        guard let reply = try fields.string("reply") else {
            throw AdminInputError(field: "reply", "is required: the text the assistant answers")
        }
        guard !reply.isEmpty, reply.unicodeScalars.count <= Self.maxReplyLength else {
            throw AdminInputError(field: "reply", "must be 1…\(Self.maxReplyLength) characters")
        }
        let events = try Self.events(fields.object["events"], api: api)
        let ignoreCase = try fields.bool("ignore_case") ?? false
        self.init(
            id: id, namespace: namespace, api: api, pattern: pattern, ignoreCase: ignoreCase,
            reply: reply, events: events, remaining: try fields.int("times", in: 1...Int(Int32.max)),
            matcher: pattern.map { SubstringMatcher(ignoreCase ? $0.lowercased() : $0) })
    }

    private static func events(_ value: JSONValue?, api: MockAPI) throws(AdminInputError) -> [String] {
        guard let value, value != .null else { return [] }
        guard api == .cid222 else {
            throw AdminInputError(
                field: "events", "only CID222 streams carry extra events; set api to cid222")
        }
        guard case .array(let items) = value, items.count <= maxEvents else {
            throw AdminInputError(field: "events", "must be an array of at most \(maxEvents) event objects")
        }
        var out: [String] = []
        for (index, item) in items.enumerated() {
            guard case .object(let object) = item, case .string(let type)? = object["type"], !type.isEmpty
            else {
                throw AdminInputError(field: "events[\(index)]", "must be an object with a string type")
            }
            guard !reservedEventTypes.contains(type) else {
                throw AdminInputError(field: "events[\(index)].type", "'\(type)' is sent by the mock itself")
            }
            out.append(item.serialized())
        }
        return out
    }

    var json: JSONValue {
        var out: JSONObject = [
            "id": .string(id), "namespace": .string(namespace), "api": .string(api.rawValue),
            "ignore_case": .bool(ignoreCase), "reply": .string(reply), "hits": .int(hits),
        ]
        if let pattern { out["pattern"] = .string(pattern) }
        if !events.isEmpty {
            out["events"] = .array(events.map { JSONValue.strictBody(Array($0.utf8)) ?? .string($0) })
        }
        if let remaining { out["remaining"] = .int(remaining) }
        return .object(out)
    }
}

/// Scripted replies per namespace, oldest first; the first match answers.
public final class ScriptedReplyStore: Sendable {
    private struct State {
        var replies: [String: [ScriptedReply]] = [:]
        var nextID = 1
    }

    private let state = Locked(State())
    public static let maxPerNamespace = 1000
    /// Replies over every namespace (`MemoryLimits.maxScriptedReplies`).
    public let maxTotal: Int

    public init(maxTotal: Int = 10_000) {
        self.maxTotal = max(1, maxTotal)
    }

    func add(body: JSONValue, namespace: String) throws(AdminInputError) -> ScriptedReply {
        let result: Result<ScriptedReply, AdminInputError> = state.withLock { state in
            guard state.replies.values.reduce(0, { $0 + $1.count }) < maxTotal else {
                return .failure(
                    AdminInputError(
                        status: 507, field: "reply",
                        "the mock holds its limit of \(maxTotal) scripted replies; remove some or raise --max-replies"
                    ))
            }
            guard state.replies[namespace, default: []].count < Self.maxPerNamespace else {
                return .failure(
                    AdminInputError(
                        field: "reply",
                        "namespace '\(namespace)' already holds \(Self.maxPerNamespace) replies"))
            }
            do throws(AdminInputError) {
                let reply = try ScriptedReply(body: body, id: "rpl_\(state.nextID)", namespace: namespace)
                state.nextID += 1
                state.replies[namespace, default: []].append(reply)
                return .success(reply)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    func list(namespace: String) -> [ScriptedReply] {
        state.withLock { $0.replies[namespace] ?? [] }
    }

    public func clear(namespace: String?) {
        state.withLock { state in
            if let namespace { state.replies[namespace] = nil } else { state.replies = [:] }
        }
    }

    func remove(id: String, namespace: String) -> Bool {
        state.withLock { state in
            guard let index = state.replies[namespace]?.firstIndex(where: { $0.id == id }) else {
                return false
            }
            state.replies[namespace]?.remove(at: index)
            return true
        }
    }

    /// The scripted reply for a user message, if one matches; counts its use. The two reply
    /// generators call this before making their deterministic text. Matching runs outside
    /// the lock (`candidate`), so a long message only costs its own request.
    public func take(api: MockAPI, namespace: String, message: String) -> ScriptedReply? {
        // A candidate another request used up in between is looked for again; each retry
        // follows a real use, so this ends.
        for _ in 0..<Self.maxPerNamespace {
            guard let found = candidate(api: api, namespace: namespace, message: message) else { return nil }
            if let taken = consume(found) { return taken }
        }
        return nil
    }

    /// The first reply that matches, without using it: searched on a copy of the list, with
    /// no lock held.
    func candidate(api: MockAPI, namespace: String, message: String) -> ScriptedReply? {
        let replies = state.withLock { $0.replies[namespace] ?? [] }
        guard !replies.isEmpty else { return nil }
        let text = MessageText(message)
        return replies.first { $0.matches(api: api, message: text) }
    }

    /// Counts a use of a reply `candidate` found; nil when it was used up or removed since.
    func consume(_ candidate: ScriptedReply) -> ScriptedReply? {
        state.withLock { state in
            guard var replies = state.replies[candidate.namespace],
                let index = replies.firstIndex(where: { $0.id == candidate.id }),
                replies[index].remaining.map({ $0 > 0 }) ?? true
            else { return nil }
            var reply = replies[index]
            reply.hits += 1
            if let remaining = reply.remaining { reply.remaining = remaining - 1 }
            if reply.remaining == 0 { replies.remove(at: index) } else { replies[index] = reply }
            state.replies[candidate.namespace] = replies
            return reply
        }
    }
}
