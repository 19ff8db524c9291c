import JSONSchema
import SessionsAPI

/// A message body reduced to what the diff compares.
enum NormalizedBody: Sendable, Equatable {
    case none
    case json(JSONValue)
    case text(String)
}

/// An exchange with ids, times and credentials rewritten (`VolatileText`), ready to compare.
struct NormalizedExchange: Sendable {
    var step: String
    var iteration: Int
    var method: String
    var target: String
    var requestBody: NormalizedBody
    var status: Int?
    /// Lowercased names, in recorded order.
    var headers: [(name: String, value: String)]
    var body: NormalizedBody
    /// One entry per event: its data as JSON when it parses, else as text.
    var events: [NormalizedBody]?
    var error: String?

    /// Normalizes a whole transcript with one `VolatileText`, walking every value in a fixed
    /// order (object keys sorted), so the same behaviour numbers its ids the same way.
    static func normalize(_ transcript: Transcript) -> [NormalizedExchange] {
        var text = VolatileText()
        return transcript.exchanges.map { exchange in
            let target = text.normalize(exchange.request.target)
            let requestBody = body(exchange.request.body, &text)
            let response = exchange.response
            let headers = (response?.headers ?? []).map {
                (name: $0.name.lowercased(), value: text.normalize($0.value))
            }
            return NormalizedExchange(
                step: exchange.step, iteration: exchange.iteration, method: exchange.request.method,
                target: target,
                requestBody: requestBody, status: response?.status, headers: headers,
                body: body(response?.body, &text),
                events: response?.events.map { $0.map { body($0.data, &text) } },
                error: exchange.error.map { text.normalize($0) })
        }
    }

    private static func body(_ raw: String?, _ text: inout VolatileText) -> NormalizedBody {
        guard let raw, !raw.isEmpty else { return .none }
        if let value = try? JSONValue.parse(raw) { return .json(normalize(value, &text)) }
        return .text(text.normalize(raw))
    }

    private static func normalize(_ value: JSONValue, _ text: inout VolatileText) -> JSONValue {
        switch value {
        case .string(let s):
            return .string(text.normalize(s))
        case .array(let items):
            return .array(items.map { normalize($0, &text) })
        case .object(let object):
            var result = JSONObject()
            for key in object.keys.sorted() {
                guard let item = object[key] else { continue }
                result[key] = normalize(item, &text)
            }
            return .object(result)
        default:
            return value
        }
    }

    /// What a stream event is called in sequences: its JSON `type`, else its text.
    static func label(_ event: NormalizedBody) -> String {
        switch event {
        case .json(let value): return value["type"]?.stringValue ?? value.typeName
        case .text(let text): return text
        case .none: return "(empty)"
        }
    }
}
