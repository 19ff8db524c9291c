import HTTPServer
import JSONSchema

/// One API request as the journal keeps it. Bodies are cut at the journal's body limit;
/// credentials are masked before the entry is stored.
struct JournalEntry: Sendable, Equatable {
    enum Outcome: String, Sendable, Equatable {
        /// The response was sent in full.
        case complete
        /// A stream is still being sent.
        case streaming
        /// The connection was reset before any byte, by a fault.
        case reset
        /// A fault cut the stream.
        case cut
        /// The stream ended with an error, usually the client going away.
        case aborted
        /// An `error_after` fault ended the stream with an `error` event and `[DONE]`; the
        /// response itself completed normally.
        case error
    }

    var id: Int
    var namespace: String
    var method: String
    var target: String
    var path: String
    var status: Int
    var outcome: Outcome
    /// Real elapsed time from the request reaching the mock until its response ended.
    /// Not deterministic, and not part of any API answer.
    var durationMilliseconds: Double?
    var requestHeaders: HTTPHeaders
    var requestBody: CappedBytes
    var responseHeaders: HTTPHeaders
    var responseBody: CappedBytes
    var streamed: Bool
    /// The `data` of each event sent, for streams.
    var events: [String] = []
    /// Why a stream ended early.
    var error: String?
    /// The fault applied, as the admin API describes it.
    var fault: JSONValue?

    var json: JSONValue {
        var response: JSONObject = [
            "headers": Self.json(responseHeaders), "stream": .bool(streamed),
        ]
        for (key, value) in responseBody.json { response[key] = value }
        if streamed { response["events"] = .array(events.map(JSONValue.string)) }
        var request: JSONObject = ["headers": Self.json(requestHeaders)]
        for (key, value) in requestBody.json { request[key] = value }
        var out: JSONObject = [
            "id": .int(id), "namespace": .string(namespace), "method": .string(method),
            "target": .string(target), "path": .string(path), "outcome": .string(outcome.rawValue),
            "request": .object(request), "response": .object(response),
        ]
        if outcome != .reset { out["status"] = .int(status) }
        if let durationMilliseconds { out["duration_ms"] = .double(durationMilliseconds) }
        if let error { out["error"] = .string(error) }
        if let fault { out["fault"] = fault }
        return .object(out)
    }

    /// Header names lower-cased; repeated fields joined with ", " as RFC 9110 §5.3 allows.
    static func json(_ headers: HTTPHeaders) -> JSONValue {
        var out: JSONObject = [:]
        for field in headers {
            let name = field.name.lowercased()
            if case .string(let earlier)? = out[name] {
                out[name] = .string(earlier + ", " + field.value)
            } else {
                out[name] = .string(field.value)
            }
        }
        return .object(out)
    }
}

extension JournalEntry {
    /// What the entry costs the journal's byte budget: bodies, headers and events as kept,
    /// plus a fixed allowance for the rest of the record.
    var retainedBytes: Int {
        let headers = (requestHeaders.fields + responseHeaders.fields).reduce(0) {
            $0 + $1.name.utf8.count + $1.value.utf8.count
        }
        let events = self.events.reduce(0) { $0 + $1.utf8.count }
        return 256 + target.utf8.count + requestBody.bytes.count + responseBody.bytes.count + headers + events
    }
}

/// A body kept up to a limit, with its real size.
struct CappedBytes: Sendable, Equatable {
    private(set) var bytes: [UInt8] = []
    private(set) var totalCount = 0
    let limit: Int

    init(limit: Int) {
        self.limit = max(0, limit)
    }

    init(_ bytes: [UInt8], limit: Int) {
        self.init(limit: limit)
        append(bytes)
    }

    /// A body as `PackedJournalEntry` kept it.
    init(restoring bytes: [UInt8], totalCount: Int, limit: Int) {
        self.init(limit: limit)
        self.bytes = Array(bytes.prefix(self.limit))
        self.totalCount = max(totalCount, self.bytes.count)
    }

    mutating func append(_ more: [UInt8]) {
        totalCount += more.count
        let room = limit - bytes.count
        if bytes.isEmpty && more.count <= room {
            bytes = more  // shares the response's storage instead of copying it
        } else if room > 0 {
            bytes.append(contentsOf: more.prefix(room))
        }
    }

    var truncated: Bool { totalCount > bytes.count }

    var json: JSONObject {
        [
            "body": .string(String(decoding: bytes, as: UTF8.self)), "body_size": .int(totalCount),
            "body_truncated": .bool(truncated),
        ]
    }
}
