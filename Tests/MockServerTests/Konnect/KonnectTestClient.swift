import Foundation
import HTTPServer
import Locking
import SessionsAPI
import Testing

@testable import MockServer

/// A response with its body collected, streamed or not.
struct KonnectTestResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    /// Decodes the body, failing the test with the body's text when it does not fit.
    func decode<T: Decodable>(_ type: T.Type, sourceLocation: SourceLocation = #_sourceLocation) throws -> T {
        do {
            return try WireJSON.decode(type, from: body)
        } catch {
            Issue.record(
                "cannot decode \(T.self) from \(status) \(text): \(error)", sourceLocation: sourceLocation)
            throw error
        }
    }

    /// The Konnect error envelope of a refused request.
    func error(sourceLocation: SourceLocation = #_sourceLocation) throws -> KonnectErrorBody.Detail {
        try decode(KonnectErrorBody.self, sourceLocation: sourceLocation).error
    }
}

/// Drives the whole mock in-process through `MockServer.makeHandler`, without sockets.
struct KonnectTestClient: Sendable {
    static let key = "sk_test_alice"
    static let otherKey = "sk_test_bob"
    /// 2025-01-15T10:30:00Z, the first timestamp of the seed's examples.
    static let clockStart: Int64 = 1_736_937_000

    static func options(seed: UInt64 = 42, clock: ClockSpec? = ClockSpec(start: clockStart, tick: 1))
        -> MockOptions
    {
        var options = MockOptions()
        options.seed = seed
        options.clock = clock
        return options
    }

    let environment: MockEnvironment
    let handler: HTTPHandler

    init(options: MockOptions = KonnectTestClient.options()) {
        environment = MockEnvironment(options: options)
        handler = MockServer.makeHandler(environment: environment)
    }

    /// Every JSON answer a test receives is validated against `Specs/konnect/openapi.json`.
    static let schema = OpenAPIResponseCheck(.konnect, prefixes: ["/v1"])

    /// Sends a request. `key` nil sends no Authorization; `namespace` sets `X-Mock-Namespace`.
    func send(
        _ method: String, _ target: String, key: String? = KonnectTestClient.key, json: String? = nil,
        body: [UInt8]? = nil, headers extra: [(String, String)] = [], namespace: String? = nil
    ) async -> KonnectTestResponse {
        var headers = HTTPHeaders()
        if let key { headers.add("Authorization", "Bearer \(key)") }
        if json != nil { headers.add("Content-Type", "application/json") }
        if let namespace { headers.add(MockEnvironment.namespaceHeader, namespace) }
        for (name, value) in extra { headers.add(name, value) }
        let bytes = body ?? json.map { Array($0.utf8) } ?? []
        let response = await handler(
            HTTPRequest(method: method, target: target, headers: headers, body: bytes))
        let collected = await Self.collect(response.body)
        let path = target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? target
        Self.schema.check(
            method: method, path: path, status: response.status,
            contentType: response.headers["Content-Type"],
            body: collected)
        return KonnectTestResponse(status: response.status, headers: response.headers, body: collected)
    }

    /// Reads a body whole; a stream is run into a buffer.
    static func collect(_ body: HTTPResponseBody) async -> [UInt8] {
        switch body {
        case .bytes(let bytes):
            return bytes
        case .resetConnection:
            return []
        case .stream, .writerPacedStream, .stepped:
            guard let produce = body.streamBody else { return [] }
            let buffer = Locked<[UInt8]>([])
            let writer = HTTPBodyWriter { bytes in buffer.withLock { $0.append(contentsOf: bytes) } }
            do {
                try await produce(writer)
            } catch {
                Issue.record(error, "the stream failed")
            }
            return buffer.withLock { $0 }
        }
    }

    // MARK: - The endpoints, decoded

    func chat(
        _ message: String, session: String? = nil, mode: String? = nil, key: String = KonnectTestClient.key,
        namespace: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> KonnectChatMessage {
        let body = String(
            decoding: WireJSON.encode(KonnectChatRequest(message: message, sessionID: session, mode: mode)),
            as: UTF8.self)
        let response = await send("POST", "/v1/chat", key: key, json: body, namespace: namespace)
        try #require(
            response.status == 200, "chat answered \(response.status) \(response.text)",
            sourceLocation: sourceLocation)
        return try response.decode(KonnectChatMessage.self, sourceLocation: sourceLocation)
    }

    func session(
        _ id: String, key: String = KonnectTestClient.key, sourceLocation: SourceLocation = #_sourceLocation
    )
        async throws -> KonnectSessionDetail
    {
        let response = await send("GET", "/v1/sessions/\(id)", key: key)
        try #require(
            response.status == 200, "get answered \(response.status) \(response.text)",
            sourceLocation: sourceLocation)
        return try response.decode(KonnectSessionDetail.self, sourceLocation: sourceLocation)
    }

    func list(
        _ query: String = "", key: String = KonnectTestClient.key,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> KonnectSessionList {
        let response = await send("GET", "/v1/sessions" + query, key: key)
        try #require(
            response.status == 200, "list answered \(response.status) \(response.text)",
            sourceLocation: sourceLocation)
        return try response.decode(KonnectSessionList.self, sourceLocation: sourceLocation)
    }

    /// Creates `count` sessions, one chat each, and returns their ids oldest first.
    func createSessions(_ count: Int, key: String = KonnectTestClient.key) async throws -> [String] {
        var ids: [String] = []
        for i in 0..<count {
            ids.append(try await chat("Question number \(i)", key: key).sessionID)
        }
        return ids
    }
}
