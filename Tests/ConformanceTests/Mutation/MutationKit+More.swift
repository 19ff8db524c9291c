import HTTPServer
import JSONSchema
import Synchronization

/// More ways to break the mock in one place: a rewritten request body, a credential taken
/// for another, an answer made up without the mock.
extension MutationKit {
    /// Rewrites the JSON body of matching requests before the mock reads it.
    static func requestJSON(
        _ handler: @escaping HTTPHandler, when matches: @escaping @Sendable (HTTPRequest) -> Bool,
        _ change: @escaping @Sendable (inout JSONValue) -> Void
    ) -> HTTPHandler {
        request(handler) { request in
            guard matches(request), var value = try? JSONValue.parse(request.body) else { return }
            change(&value)
            request.body = Array(value.serialized(sortedKeys: true).utf8)
        }
    }

    /// Serves requests whose bearer credential `accepts` with `credential` instead: a
    /// credential the real API refuses is taken as a valid one.
    static func accept(
        _ handler: @escaping HTTPHandler, as credential: String?,
        when accepts: @escaping @Sendable (String) -> Bool
    ) -> HTTPHandler {
        request(handler) { request in
            guard let credential, let value = request.headers["Authorization"], value.hasPrefix("Bearer "),
                accepts(String(value.dropFirst(7)))
            else { return }
            request.headers.set("Authorization", "Bearer \(credential)")
        }
    }

    /// Answers matching requests with `answer` (given the mock, for reads it needs) instead of
    /// letting the mock handle them.
    static func answer(
        _ handler: @escaping HTTPHandler, when matches: @escaping @Sendable (HTTPRequest) -> Bool,
        _ answer: @escaping @Sendable (HTTPRequest, HTTPHandler) async -> HTTPResponse
    ) -> HTTPHandler {
        { request in
            matches(request) ? await answer(request, handler) : await handler(request)
        }
    }

    /// The JSON body of an answer, parsed (nil when it is not JSON).
    static func body(of response: HTTPResponse) -> JSONValue? {
        guard case .bytes(let bytes) = response.body else { return nil }
        return try? JSONValue.parse(bytes)
    }

    /// Keeps the list entries of sessions the variant deletes, to show them again later.
    final class DeletedSessions: Sendable {
        private let entries = Mutex<[String: JSONValue]>([:])
        private let deleted = Mutex<Set<String>>([])

        func remember(_ items: [JSONValue]) {
            entries.withLock { known in
                for item in items { if let id = item["id"]?.stringValue { known[id] = item } }
            }
        }

        func delete(_ id: String) { _ = deleted.withLock { $0.insert(id) } }

        /// The remembered entries of deleted sessions not in `items`.
        func ghosts(missingFrom items: [JSONValue]) -> [JSONValue] {
            let listed = Set(items.compactMap { $0["id"]?.stringValue })
            let gone = deleted.withLock { $0 }.subtracting(listed)
            return entries.withLock { known in gone.sorted().compactMap { known[$0] } }
        }
    }

    /// A list that still shows sessions after they were deleted (total unchanged).
    static func deletedStillListed(_ handler: @escaping HTTPHandler) -> HTTPHandler {
        let memory = DeletedSessions()
        return { request in
            var response = await handler(request)
            if request.method == "DELETE", (200..<300).contains(response.status),
                let id = request.path.split(separator: "/").last
            {
                memory.delete(String(id))
            }
            guard request.isList, response.status == 200, var value = body(of: response) else {
                return response
            }
            let items = value.arrayValue ?? value["data"]?.arrayValue ?? []
            memory.remember(items)
            let ghosts = memory.ghosts(missingFrom: items)
            guard !ghosts.isEmpty else { return response }
            if value.arrayValue != nil {
                value = .array(items + ghosts)
            } else {
                value.set("data", .array(items + ghosts))
                value.update("total") { $0 = .int(($0.intValue ?? 0) + ghosts.count) }
            }
            response.body = .bytes(Array(value.serialized(sortedKeys: true).utf8))
            response.headers.remove("Content-Length")
            return response
        }
    }
}
