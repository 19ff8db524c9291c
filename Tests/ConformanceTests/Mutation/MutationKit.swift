import Foundation
import HTTPServer
import JSONSchema
import Synchronization

/// Handler wrappers that break the mock in one place, for mutation tests.
enum MutationKit {
    /// Rewrites the request before the mock sees it.
    static func request(
        _ handler: @escaping HTTPHandler, _ change: @escaping @Sendable (inout HTTPRequest) -> Void
    ) -> HTTPHandler {
        { request in
            var changed = request
            change(&changed)
            return await handler(changed)
        }
    }

    /// Rewrites the whole response of matching requests.
    static func response(
        _ handler: @escaping HTTPHandler, when matches: @escaping @Sendable (HTTPRequest) -> Bool,
        _ change: @escaping @Sendable (inout HTTPResponse) -> Void
    ) -> HTTPHandler {
        { request in
            var response = await handler(request)
            if matches(request) { change(&response) }
            return response
        }
    }

    /// Rewrites the JSON body of matching requests' answers (re-serialized with sorted keys).
    static func json(
        _ handler: @escaping HTTPHandler, when matches: @escaping @Sendable (HTTPRequest) -> Bool,
        _ change: @escaping @Sendable (inout JSONValue, HTTPRequest) -> Void
    ) -> HTTPHandler {
        { request in
            var response = await handler(request)
            guard matches(request), case .bytes(let bytes) = response.body,
                var value = try? JSONValue.parse(bytes)
            else { return response }
            change(&value, request)
            response.body = .bytes(Array(value.serialized(sortedKeys: true).utf8))
            response.headers.remove("Content-Length")
            return response
        }
    }

    /// Rewrites the events of streamed answers: the stream is gathered, split into events
    /// at blank lines, changed as a list of `data` payloads, and sent again in one piece.
    static func stream(
        _ handler: @escaping HTTPHandler, _ change: @escaping @Sendable ([String]) -> [String]
    ) -> HTTPHandler {
        { request in
            var response = await handler(request)
            guard let body = response.body.streamBody else { return response }
            response.body = .stream { writer in
                let gathered = Mutex<[UInt8]>([])
                try await body(HTTPBodyWriter { bytes in gathered.withLock { $0 += bytes } })
                let text = String(decoding: gathered.withLock { $0 }, as: UTF8.self)
                let payloads = text.components(separatedBy: "\n\n").filter { !$0.isEmpty }
                    .map { $0.hasPrefix("data: ") ? String($0.dropFirst(6)) : $0 }
                try await writer.write(change(payloads).map { "data: \($0)\n\n" }.joined())
            }
            return response
        }
    }

    /// Answers a read of one session with `other`'s credential when `mine` got 404: another
    /// user's (or tenant's) session becomes readable, the caller's own ones are unchanged.
    static func readAs(_ handler: @escaping HTTPHandler, _ other: String, when mine: String) -> HTTPHandler {
        { request in
            let response = await handler(request)
            guard response.status == 404, request.method == "GET", request.isOneSession,
                request.headers["Authorization"] == mine
            else { return response }
            var borrowed = request
            borrowed.headers.set("Authorization", other)
            return await handler(borrowed)
        }
    }

    /// Konnect pages cut from the whole list in oldest-first order: offsets, totals and
    /// has_more stay consistent, only the order is wrong.
    static func oldestFirstPages(_ handler: @escaping HTTPHandler) -> HTTPHandler {
        { request in
            guard request.isList, let limit = Int(request.query("limit") ?? "20"), (1...100).contains(limit),
                let offset = Int(request.query("offset") ?? "0"), offset >= 0
            else { return await handler(request) }
            // The whole list, a page of 100 at a time, so the pages agree past 100 sessions.
            var all: [JSONValue] = []
            var response = HTTPResponse(status: 500)
            var body = JSONValue.null
            repeat {
                var page = request
                page.queryItems = [
                    QueryItem(name: "limit", value: "100"),
                    QueryItem(name: "offset", value: String(all.count)),
                ]
                response = await handler(page)
                guard response.status == 200, case .bytes(let bytes) = response.body,
                    let parsed = try? JSONValue.parse(bytes), let items = parsed["data"]?.arrayValue
                else { return response }
                body = parsed
                all += items
            } while body["has_more"]?.boolValue == true
            let page = Array(all.reversed().dropFirst(offset).prefix(limit))
            body.set("data", .array(page))
            body.set("has_more", .bool(offset + page.count < all.count))
            response.body = .bytes(Array(body.serialized(sortedKeys: true).utf8))
            return response
        }
    }

    /// Rewrites each JSON event payload of streamed answers (`[DONE]` passes untouched).
    static func events(
        _ handler: @escaping HTTPHandler, _ change: @escaping @Sendable (inout JSONValue) -> Void
    ) -> HTTPHandler {
        stream(handler) { payloads in
            payloads.map { payload in
                guard var value = try? JSONValue.parse(payload) else { return payload }
                change(&value)
                return value.serialized(sortedKeys: true)
            }
        }
    }
}

extension HTTPRequest {
    /// `/v1/sessions/:id` or `/sessions/:id` (one session, not its messages).
    var isOneSession: Bool {
        let parts = path.split(separator: "/")
        return (parts.count == 3 && parts[0] == "v1" && parts[1] == "sessions")
            || (parts.count == 2 && parts[0] == "sessions")
    }

    var isList: Bool { method == "GET" && (path == "/v1/sessions" || path == "/sessions") }
}

extension JSONValue {
    /// Changes the member `key` of an object in place (nothing happens to other values).
    mutating func update(_ key: String, _ change: (inout JSONValue) -> Void) {
        guard case .object(var object) = self, var member = object[key] else { return }
        change(&member)
        object[key] = member
        self = .object(object)
    }

    /// Drops the member `key` of an object (nothing happens to other values).
    mutating func remove(_ key: String) {
        guard case .object(var object) = self else { return }
        object[key] = nil
        self = .object(object)
    }

    mutating func set(_ key: String, _ value: JSONValue) {
        guard case .object(var object) = self else { return }
        object[key] = value
        self = .object(object)
    }

    /// Rewrites every string value, however deep.
    mutating func rewriteStrings(_ change: (String) -> String) {
        switch self {
        case .string(let text): self = .string(change(text))
        case .array(var items):
            for index in items.indices { items[index].rewriteStrings(change) }
            self = .array(items)
        case .object(let object):
            var copy = object
            for (key, value) in object {
                var member = value
                member.rewriteStrings(change)
                copy[key] = member
            }
            self = .object(copy)
        default: break
        }
    }

    /// Changes every element of an array in place.
    mutating func updateEach(_ change: (inout JSONValue) -> Void) {
        guard case .array(var items) = self else { return }
        for index in items.indices { change(&items[index]) }
        self = .array(items)
    }
}
