import EventStream
import JSONSchema

/// A Server-Sent Events body read the way a browser would (WHATWG rules, `SSEParser`),
/// fed chunk by chunk as it arrived, and summarized as a JSON document so scenarios can
/// point into it:
///
/// `{"events": [payload…], "types": ["content_block_delta", …], "text": "joined deltas",
///   "byType": {"<type>": last payload of that type}, "done": Bool, "count": Int}`
///
/// A payload is the event's data parsed as JSON, or the data as a string when it is not
/// JSON (`[DONE]`). The seed does not say whether an event's type travels in the JSON or in
/// the `event:` field, so the document's payloads carry the `event:` name as `type` when
/// their JSON has none (`typedPayloads`); `payloads` keeps the data as sent, for the checks
/// of framing.
public struct StreamReading: Sendable {
    public var events: [ServerSentEvent]
    public var payloads: [JSONValue]
    /// `payloads`, each JSON object without a `type` given the event's `event:` name.
    public var typedPayloads: [JSONValue]
    /// Events whose data was neither JSON nor `[DONE]`, by index.
    public var malformedIndices: [Int]
    /// Whether the stream ended with `data: [DONE]`.
    public var sawDone: Bool
    /// False when the body stops inside an event (a stream cut midway): the WHATWG rules
    /// then drop that last event.
    public var endsCleanly: Bool

    public init(chunks: [[UInt8]]) {
        var parser = SSEParser()
        var events: [ServerSentEvent] = []
        for chunk in chunks {
            events += parser.feed(chunk)
        }
        events += parser.finish()
        self.events = events
        let last = chunks.last(where: { !$0.isEmpty })?.last
        endsCleanly = last == nil || last == 0x0A || last == 0x0D
        var payloads: [JSONValue] = []
        var malformed: [Int] = []
        var done = false
        for (index, event) in events.enumerated() {
            if event.data == "[DONE]" {
                payloads.append(.string("[DONE]"))
                done = true
            } else if let value = try? JSONValue.parse(event.data) {
                payloads.append(value)
            } else {
                payloads.append(.string(event.data))
                malformed.append(index)
            }
        }
        self.payloads = payloads
        typedPayloads = zip(events, payloads).map { event, payload in
            guard case .object(var object) = payload, object["type"] == nil, event.type != "message" else {
                return payload
            }
            object["type"] = .string(event.type)
            return .object(object)
        }
        malformedIndices = malformed
        sawDone = done
    }

    /// Whether a body that was not labelled `text/event-stream` is one anyway: it is not JSON
    /// and opens with an SSE field or comment. Reading it as a stream keeps a wrong
    /// `Content-Type` a single deviation instead of failing every check of the stream.
    public static func looksLikeEventStream(_ body: [UInt8]) -> Bool {
        guard !body.isEmpty, (try? JSONValue.parse(body)) == nil else { return false }
        let head = String(decoding: body.prefix(16), as: UTF8.self)
        return ["data:", "event:", "id:", "retry:", ":"].contains { head.hasPrefix($0) }
    }

    /// The type of each event, from its JSON or its `event:` field, in order (`[DONE]`
    /// excluded).
    public var types: [String] {
        typedPayloads.compactMap { $0["type"]?.stringValue }
    }

    /// The texts of all `content_block_delta` events joined: `delta.text` as the vendor's
    /// docs show it, or a `delta` or `text` string, since the seed shows no payload.
    public var joinedText: String {
        typedPayloads.filter { $0["type"]?.stringValue == "content_block_delta" }
            .compactMap {
                $0["delta"]?["text"]?.stringValue ?? $0["delta"]?.stringValue ?? $0["text"]?.stringValue
            }
            .joined()
    }

    /// The document scenarios point into.
    public var document: JSONValue {
        var byType: [(String, JSONValue)] = []
        for payload in typedPayloads {
            guard let type = payload["type"]?.stringValue else { continue }
            byType.removeAll { $0.0 == type }
            byType.append((type, payload))
        }
        return JSONAccess.object([
            ("events", .array(typedPayloads)),
            ("types", .array(types.map(JSONValue.string))),
            ("text", .string(joinedText)),
            ("byType", JSONAccess.object(byType)),
            ("done", .bool(sawDone)),
            ("count", .int(payloads.count)),
        ])
    }
}
