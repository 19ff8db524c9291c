import Foundation
import HTTPServer
import JSONSchema
import Locking
import Testing

@testable import MockServer

/// In-process helpers for the admin tests: requests, collected bodies, JSON reads, and a
/// tiny fake API (a JSON route and an SSE route on each API's paths) so faults and the
/// journal are tested without either mock.
enum AdminTest {
    static func request(
        _ method: String, _ target: String, headers: [(String, String)] = [], body: String? = nil
    ) -> HTTPRequest {
        var fields = HTTPHeaders(headers)
        if body != nil && !fields.contains("Content-Type") { fields.add("Content-Type", "application/json") }
        return HTTPRequest(method: method, target: target, headers: fields, body: Array((body ?? "").utf8))
    }

    /// Every byte of a response body; for a stream, what it wrote before it ended or threw.
    static func collect(_ response: HTTPResponse) async -> (bytes: [UInt8], error: (any Error)?) {
        switch response.body {
        case .bytes(let bytes): return (bytes, nil)
        case .resetConnection: return ([], nil)
        case .stream, .writerPacedStream, .stepped:
            guard let body = response.body.streamBody else { return ([], nil) }
            let sink = ByteSink()
            do {
                try await body(HTTPBodyWriter { sink.append($0) })
                return (sink.bytes, nil)
            } catch {
                return (sink.bytes, error)
            }
        }
    }

    static func text(_ response: HTTPResponse) async -> String {
        String(decoding: await collect(response).bytes, as: UTF8.self)
    }

    static func json(_ response: HTTPResponse) async throws -> JSONValue {
        try AdminBody.parse(await collect(response).bytes)
    }

    /// Five numbered events, then `[DONE]`, written one event per write.
    static let streamBody = (1...5).map { "data: {\"n\":\($0)}\n\n" }.joined() + "data: [DONE]\n\n"

    static let streamRoute: HTTPHandler = { _ in
        var headers = HTTPHeaders()
        headers.set("Content-Type", "text/event-stream")
        return HTTPResponse(
            status: 200, headers: headers,
            body: .stream { writer in
                for n in 1...5 { try await writer.write("data: {\"n\":\(n)}\n\n") }
                try await writer.write("data: [DONE]\n\n")
            })
    }

    static let jsonBody = #"{"object":"list","data":[]}"#

    /// Admin routes plus fake routes on both APIs' paths, wrapped like the real mock.
    static func handler(_ environment: MockEnvironment) -> HTTPHandler {
        var router = Router()
        router.unmatched = APIErrorResponses.unmatched
        AdminRoutes.register(into: &router, environment: environment)
        router.add("GET", "/v1/sessions") { _ in .json(200, jsonBody) }
        router.add("POST", "/v1/chat") { _ in .json(200, jsonBody) }
        router.add("GET", "/sessions") { _ in .json(200, "[]") }
        router.add("POST", "/sessions/:id/messages", streamRoute)
        return MockMiddleware.wrap(router.handler, environment: environment)
    }

    /// An Authorization header for a CID222 user (tenant `t`) that the environment's mock accepts.
    static func cid222Auth(_ environment: MockEnvironment) -> (String, String) {
        let token = JWTMinter.mint(
            tenant: "t", user: "u", ttl: 3600, secret: environment.options.jwtSecret,
            now: Int64(Date().timeIntervalSince1970))
        return ("Authorization", "Bearer \(token)")
    }

    /// Creates a CID222 session through `handler` and returns its id.
    static func newCID222Session(_ handler: HTTPHandler, auth: (String, String)) async throws -> String {
        let created = await handler(request("POST", "/sessions", headers: [auth], body: "{}"))
        return try #require(try await json(created)["id"]?.string)
    }

    static func environment(configure: (inout MockOptions) -> Void = { _ in }) -> MockEnvironment {
        var options = MockOptions()
        configure(&options)
        return MockEnvironment(options: options)
    }
}

/// Collects stream writes; shared with the writer closure, hence the lock.
final class ByteSink: Sendable {
    private let storage = Locked<[UInt8]>([])

    func append(_ bytes: [UInt8]) {
        storage.withLock { $0.append(contentsOf: bytes) }
    }

    var bytes: [UInt8] { storage.withLock { $0 } }
}

extension JSONValue {
    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var int: Int? {
        if case .int(let value) = self { return value }
        return nil
    }

    var array: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }
}
