import Foundation
import SessionsAPI
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Talks HTTP(S) to a real target through URLSession. Bodies are read through a data
/// delegate, because FoundationNetworking has no `bytes(for:)`: each `didReceive` chunk is
/// kept as it came, so a stream's framing can be checked however the network split it.
public final class URLSessionTransport: HTTPTransport {
    private let baseURL: URL
    private let session: URLSession
    private let collector: ResponseCollector

    /// - Parameters:
    ///   - baseURL: scheme, host, port and an optional path prefix of the target.
    ///   - timeout: seconds a request may wait for data before it fails.
    public init(baseURL: URL, timeout: TimeInterval) {
        self.baseURL = baseURL
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = max(timeout * 4, timeout)
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        collector = ResponseCollector()
        session = URLSession(configuration: configuration, delegate: collector, delegateQueue: nil)
    }

    public var canOmitContentType: Bool { false }

    deinit {
        session.invalidateAndCancel()
    }

    public func send(_ request: WireRequest) async throws -> WireResponse {
        guard let url = URL(string: baseURL.absoluteString.trimmingTrailingSlash + request.target) else {
            throw TransportError.cannotConnect("'\(request.target)' does not form a URL with \(baseURL)")
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        for header in request.headers {
            urlRequest.addValue(header.value, forHTTPHeaderField: header.name)
        }
        if let body = request.body {
            urlRequest.httpBody = Data(body)
        }
        let task = session.dataTask(with: urlRequest)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                collector.register(task.taskIdentifier, continuation)
                task.resume()
            }
        } onCancel: {
            task.cancel()
        }
    }
}

/// The data delegate: gathers each task's head and chunks, then resumes its continuation
/// exactly once when the task completes.
private final class ResponseCollector: NSObject, URLSessionDataDelegate, Sendable {
    private struct Pending {
        var continuation: CheckedContinuation<WireResponse, any Error>
        var response: WireResponse?
    }

    private let pending = Mutex<[Int: Pending]>([:])

    func register(_ id: Int, _ continuation: CheckedContinuation<WireResponse, any Error>) {
        pending.withLock { $0[id] = Pending(continuation: continuation) }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        var wire = WireResponse(status: 0)
        if let http = response as? HTTPURLResponse {
            wire.status = http.statusCode
            wire.headers = http.allHeaderFields.compactMap { key, value in
                guard let name = key as? String else { return nil }
                return WireHeader(name: name, value: "\(value)")
            }.sorted { $0.name.lowercased() < $1.name.lowercased() }
        }
        pending.withLock { $0[dataTask.taskIdentifier]?.response = wire }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        pending.withLock { $0[dataTask.taskIdentifier]?.response?.chunks.append(Array(data)) }
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        // A redirect is an answer to check, not to follow: credentials must not travel on.
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let entry = pending.withLock({ $0.removeValue(forKey: task.taskIdentifier) }) else { return }
        if let error {
            entry.continuation.resume(throwing: Self.classify(error, gotHead: entry.response != nil))
        } else if let response = entry.response {
            entry.continuation.resume(returning: response)
        } else {
            entry.continuation.resume(throwing: TransportError.broken("no response head"))
        }
    }

    private static func classify(_ error: any Error, gotHead: Bool) -> TransportError {
        let nsError = error as NSError
        guard nsError.domain == NSURLErrorDomain else { return .broken(nsError.localizedDescription) }
        switch nsError.code {
        case NSURLErrorTimedOut:
            return .timedOut
        case NSURLErrorCannotConnectToHost, NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed,
            NSURLErrorSecureConnectionFailed, NSURLErrorServerCertificateUntrusted,
            NSURLErrorServerCertificateHasBadDate, NSURLErrorUnsupportedURL:
            return gotHead
                ? .broken(nsError.localizedDescription) : .cannotConnect(nsError.localizedDescription)
        default:
            return .broken(nsError.localizedDescription)
        }
    }
}

extension String {
    var trimmingTrailingSlash: String {
        hasSuffix("/") ? String(dropLast()) : self
    }
}
