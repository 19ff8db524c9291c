import Foundation
import HTTPServer
import Locking
import Testing

@testable import MockServer

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// What a real URLSession client saw: the head (if any), the body bytes as they arrived, and
/// how the transfer ended.
struct LiveResult: Sendable {
    var status: Int?
    var headers: [String: String] = [:]
    var body: [UInt8] = []
    /// `URLError.Code` raw value when the transfer failed.
    var errorCode: Int?

    var text: String { String(decoding: body, as: UTF8.self) }

    func header(_ name: String) -> String? {
        headers.first { $0.key.lowercased() == name.lowercased() }?.value
    }
}

/// A URLSession delegate that collects a response as it streams in (FoundationNetworking has
/// no `bytes(for:)`), and reports once the task completes.
final class LiveCollector: NSObject, URLSessionDataDelegate, Sendable {
    private struct State {
        var result = LiveResult()
        var continuation: CheckedContinuation<LiveResult, Never>?
    }

    private let state = Locked(State())

    func expect(_ continuation: CheckedContinuation<LiveResult, Never>) {
        state.withLock { $0.continuation = continuation }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        if let http = response as? HTTPURLResponse {
            var headers: [String: String] = [:]
            for (key, value) in http.allHeaderFields {
                if let key = key as? String, let value = value as? String { headers[key] = value }
            }
            state.withLock {
                $0.result.status = http.statusCode
                $0.result.headers = headers
            }
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        state.withLock { $0.result.body.append(contentsOf: data) }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let (result, continuation) = state.withLock { state in
            if let error { state.result.errorCode = (error as NSError).code }
            defer { state.continuation = nil }
            return (state.result, state.continuation)
        }
        continuation?.resume(returning: result)
    }
}

enum Live {
    /// Sends one request with a real URLSession and waits for it to end (or fail).
    static func send(
        _ method: String, _ url: URL, headers: [(String, String)] = [], body: String? = nil,
        timeout: TimeInterval = 30
    ) async -> LiveResult {
        var request = URLRequest(url: url)
        request.httpMethod = method
        for (name, value) in headers { request.addValue(value, forHTTPHeaderField: name) }
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        let collector = LiveCollector()
        let session = URLSession(configuration: configuration, delegate: collector, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        return await withCheckedContinuation { continuation in
            collector.expect(continuation)
            session.dataTask(with: request).resume()
        }
    }

    /// Runs `body` against an HTTP server on 127.0.0.1, port 0, serving `handler`.
    static func withServer<T>(
        _ handler: @escaping HTTPHandler, _ body: (URL) async throws -> T
    ) async throws -> T {
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.shutdownGracePeriod = 1
        let server = HTTPServer(configuration: configuration, handler: handler)
        try await server.start()
        let base = try #require(URL(string: "http://127.0.0.1:\(server.port)"))
        do {
            let value = try await body(base)
            await server.shutdown()
            return value
        } catch {
            await server.shutdown()
            throw error
        }
    }
}
