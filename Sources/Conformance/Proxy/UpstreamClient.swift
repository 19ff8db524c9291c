import Foundation
import SessionsAPI
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The target's answer as it starts to arrive: the head, then the body chunk by chunk in
/// the pieces the network delivered them (FoundationNetworking has no `bytes(for:)`, so a
/// data delegate hands each `didReceive` on at once).
public struct UpstreamResponse: Sendable {
    public var status: Int
    public var headers: [WireHeader]
    public var chunks: AsyncThrowingStream<[UInt8], any Error>
    /// Stops the transfer (the client went away).
    public var cancel: @Sendable () -> Void
}

/// Sends requests to the target over URLSession (HTTP and HTTPS) and streams the answers.
public final class UpstreamClient: Upstream {
    private let target: URL
    private let session: URLSession
    private let delegate: StreamingDelegate

    /// - Parameter idleTimeout: seconds the target may stay silent (between chunks too) before
    ///   the exchange fails; generous, since a stream may pause between events.
    public init(target: URL, idleTimeout: TimeInterval = 300) {
        self.target = target
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = idleTimeout
        configuration.timeoutIntervalForResource = 7 * 24 * 3600
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.httpMaximumConnectionsPerHost = 256
        delegate = StreamingDelegate()
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    deinit {
        session.invalidateAndCancel()
    }

    public func open(_ request: UpstreamRequest) async throws -> UpstreamResponse {
        guard let url = URL(string: target.absoluteString.trimmingTrailingSlash + request.target) else {
            throw TransportError.cannotConnect("'\(request.target)' does not form a URL with \(target)")
        }
        var forwarded = URLRequest(url: url)
        forwarded.httpMethod = request.method
        for header in request.headers { forwarded.addValue(header.value, forHTTPHeaderField: header.name) }
        forwarded.addValue(HopByHop.via, forHTTPHeaderField: "Via")
        if !request.body.isEmpty { forwarded.httpBody = Data(request.body) }
        return try await open(forwarded)
    }

    /// Sends `request` and returns once the target's response head arrived.
    /// - Throws: `TransportError` when no head came (target unreachable, timed out, reset).
    func open(_ request: URLRequest) async throws -> UpstreamResponse {
        let task = session.dataTask(with: request)
        let (chunks, sink) = AsyncThrowingStream.makeStream(of: [UInt8].self, throwing: (any Error).self)
        let head = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation {
                (continuation: CheckedContinuation<Head, any Error>) in
                delegate.register(task.taskIdentifier, head: continuation, body: sink)
                task.resume()
            }
        } onCancel: {
            task.cancel()
        }
        sink.onTermination = { termination in
            if case .cancelled = termination { task.cancel() }
        }
        return UpstreamResponse(
            status: head.status, headers: head.headers, chunks: chunks, cancel: { task.cancel() })
    }

    struct Head: Sendable {
        var status: Int
        var headers: [WireHeader]
    }
}

/// Resumes each task's head continuation once, then yields its chunks into its stream.
private final class StreamingDelegate: NSObject, URLSessionDataDelegate, Sendable {
    private struct Pending {
        var head: CheckedContinuation<UpstreamClient.Head, any Error>?
        var body: AsyncThrowingStream<[UInt8], any Error>.Continuation
    }

    private let pending = Mutex<[Int: Pending]>([:])

    func register(
        _ id: Int, head: CheckedContinuation<UpstreamClient.Head, any Error>,
        body: AsyncThrowingStream<[UInt8], any Error>.Continuation
    ) {
        pending.withLock { $0[id] = Pending(head: head, body: body) }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        var head = UpstreamClient.Head(status: 502, headers: [])
        if let http = response as? HTTPURLResponse {
            head.status = http.statusCode
            head.headers = http.allHeaderFields.compactMap { key, value in
                guard let name = key as? String else { return nil }
                return WireHeader(name: name, value: "\(value)")
            }
        }
        let continuation = pending.withLock { state -> CheckedContinuation<UpstreamClient.Head, any Error>? in
            defer { state[dataTask.taskIdentifier]?.head = nil }
            return state[dataTask.taskIdentifier]?.head
        }
        continuation?.resume(returning: head)
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let sink = pending.withLock { $0[dataTask.taskIdentifier]?.body }
        sink?.yield(Array(data))
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        // A redirect is relayed to the client as it came, never followed by the proxy.
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let entry = pending.withLock({ $0.removeValue(forKey: task.taskIdentifier) }) else { return }
        let failure = error.map { TransportError.broken(($0 as NSError).localizedDescription) }
        if let head = entry.head {
            head.resume(throwing: failure ?? TransportError.broken("no response head"))
        }
        if let failure {
            entry.body.finish(throwing: failure)
        } else {
            entry.body.finish()
        }
    }
}
