import EventStream
import Foundation
import HTTPServer
import Locking
import SessionsAPI
import Testing

@testable import MockServer

/// A response with its body collected, streamed or not.
struct CollectedResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]
    /// The pieces a stream wrote, in order (one element for a byte body).
    var writes: [[UInt8]]
    /// Whether the body was a stream.
    var streamed: Bool

    var text: String { String(decoding: body, as: UTF8.self) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try WireJSON.decode(type, from: body)
    }

    /// A JSON error body's fields.
    var error: CID222ErrorBody? { try? decode(CID222ErrorBody.self) }

    /// The `data:` payloads of a CID222 stream, in order.
    var dataLines: [String] { CID222StreamReader.dataPayloads(writes: writes) }

    /// The decoded events, without the final `[DONE]`.
    func events() throws -> [CID222StreamEvent] {
        try dataLines.filter { $0 != "[DONE]" }.map {
            try WireJSON.decode(CID222StreamEvent.self, from: Array($0.utf8))
        }
    }

    /// The reply: every delta's text joined.
    func replyText() throws -> String {
        try events().compactMap { event -> String? in
            if case .contentBlockDelta(let delta) = event { return delta.delta.text }
            return nil
        }.joined()
    }

    func contextUsage() throws -> CID222ContextUsage? {
        try events().lazy.compactMap { event -> CID222ContextUsage? in
            if case .contextUsage(let usage) = event { return usage }
            return nil
        }.first
    }
}

struct CID222ErrorBody: Decodable, Equatable {
    var statusCode: Int
    var message: String
    var error: String
    var details: [String: String]?
}

/// Reads a CID222 stream with the EventStream module's WHATWG parser, fed in the pieces the
/// mock wrote, and returns the `data` of each event.
enum CID222StreamReader {
    static func dataPayloads(_ bytes: [UInt8]) -> [String] {
        dataPayloads(writes: [bytes])
    }

    static func dataPayloads(writes: [[UInt8]]) -> [String] {
        var parser = SSEParser()
        var events: [ServerSentEvent] = []
        for piece in writes { events += parser.feed(piece) }
        events += parser.finish()
        return events.map(\.data)
    }
}

/// Collects what a stream writes; can be told to fail from the `failAt`-th write on, as a
/// client that goes away would make the socket do.
final class RecordingSink: Sendable {
    struct Disconnected: Error {}

    private let writes = Locked<[[UInt8]]>([])
    private let failAt: Int?
    /// Whether this sink breaks the stream on purpose, so an error from it is expected.
    var failsOnPurpose: Bool { failAt != nil }

    init(failAt: Int? = nil) {
        self.failAt = failAt
    }

    var writer: HTTPBodyWriter {
        HTTPBodyWriter { bytes in try self.record(bytes) }
    }

    private func record(_ bytes: [UInt8]) throws {
        try writes.withLock { all in
            if let failAt, all.count >= failAt { throw Disconnected() }
            all.append(bytes)
        }
    }

    var recorded: [[UInt8]] { writes.withLock { $0 } }
}

/// Drives the whole mock in-process through `MockServer.makeHandler`.
struct CID222TestClient: Sendable {
    static let secret = "test-secret"

    let environment: MockEnvironment
    let handler: HTTPHandler
    var namespace: String?

    init(options: MockOptions = CID222TestClient.defaultOptions(), namespace: String? = nil) {
        environment = MockEnvironment(options: options)
        handler = MockServer.makeHandler(environment: environment)
        self.namespace = namespace
    }

    static func defaultOptions(seed: UInt64 = 42) -> MockOptions {
        var options = MockOptions()
        options.seed = seed
        options.jwtSecret = secret
        options.clock = ClockSpec(start: 1_768_473_000, tick: 60)
        return options
    }

    static func token(tenant: String = "tenant-a", user: String = "ann", ttl: Int64 = 3600) -> String {
        JWTMinter.mint(
            tenant: tenant, user: user, ttl: ttl, secret: secret, now: Int64(Date().timeIntervalSince1970))
    }

    func request(
        _ method: String, _ path: String, body: String? = nil, token: String? = CID222TestClient.token(),
        headers extra: [(String, String)] = [], sink: RecordingSink = RecordingSink()
    ) async -> CollectedResponse {
        var headers = HTTPHeaders()
        if let token { headers.set("Authorization", "Bearer \(token)") }
        if body != nil { headers.set("Content-Type", "application/json") }
        if let namespace { headers.set(MockEnvironment.namespaceHeader, namespace) }
        for (name, value) in extra { headers.set(name, value) }
        let request = HTTPRequest(
            method: method, target: path, headers: headers, body: Array((body ?? "").utf8))
        let response = await handler(request)
        switch response.body {
        case .bytes(let bytes):
            CID222SchemaCheck.checkResponse(
                method: method, path: request.path, status: response.status,
                contentType: response.headers["Content-Type"], body: bytes)
            return CollectedResponse(
                status: response.status, headers: response.headers, body: bytes, writes: [bytes],
                streamed: false)
        case .stream, .writerPacedStream, .stepped:
            do {
                try await response.body.streamBody?(sink.writer)
            } catch  where !sink.failsOnPurpose {
                Issue.record(error, "the stream failed although nothing broke it on purpose")
            } catch {}
            let writes = sink.recorded
            for payload in CID222StreamReader.dataPayloads(writes: writes) where payload != "[DONE]" {
                CID222SchemaCheck.checkEvent(payload)
            }
            return CollectedResponse(
                status: response.status, headers: response.headers, body: writes.flatMap { $0 },
                writes: writes,
                streamed: true)
        case .resetConnection:
            return CollectedResponse(
                status: 0, headers: response.headers, body: [], writes: [], streamed: false)
        }
    }

    /// Creates a session and returns it.
    func createSession(_ body: String = "{}", token: String = CID222TestClient.token()) async throws
        -> CID222Session
    {
        let response = await request("POST", "/sessions", body: body, token: token)
        #expect(response.status == 201, "\(response.text)")
        return try response.decode(CID222Session.self)
    }

    func detail(_ id: String, token: String = CID222TestClient.token()) async throws -> CID222SessionDetail {
        let response = await request("GET", "/sessions/\(id)", token: token)
        #expect(response.status == 200, "\(response.text)")
        return try response.decode(CID222SessionDetail.self)
    }

    /// Sends a message body built from the fields given.
    func send(
        _ id: String, content: String, model: String = "gpt-4o", extra: String = "",
        token: String = CID222TestClient.token(), sink: RecordingSink = RecordingSink()
    ) async -> CollectedResponse {
        let body = #"{"content":\#(jsonString(content)),"model":"\#(model)"\#(extra)}"#
        return await request("POST", "/sessions/\(id)/messages", body: body, token: token, sink: sink)
    }
}

/// A JSON string literal for `text`.
func jsonString(_ text: String) -> String {
    String(decoding: WireJSON.encode([text]), as: UTF8.self).dropFirst().dropLast().description
}
