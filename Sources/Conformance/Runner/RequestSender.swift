import Foundation
import Synchronization

/// Sends requests for a run: counts them against `--max-requests`, retries 429 answers
/// after their `Retry-After` (bounded), and turns a refused connection into a run error.
final class RequestSender: Sendable {
    private let transport: any HTTPTransport
    private let maxRequests: Int?
    private let maxRetries: Int
    private let maxRetryAfter: Double
    private let sent = Mutex(0)

    init(transport: any HTTPTransport, maxRequests: Int?, maxRetries: Int, maxRetryAfter: Double) {
        self.transport = transport
        self.maxRequests = maxRequests
        self.maxRetries = maxRetries
        self.maxRetryAfter = maxRetryAfter
    }

    var requestsSent: Int { sent.withLock { $0 } }

    var canOmitContentType: Bool { transport.canOmitContentType }

    /// Sends a scenario's request. Throws `RunError.budgetExhausted` when the budget is
    /// spent, `TransportError` when no answer came.
    func send(_ request: WireRequest) async throws -> WireResponse {
        var attempt = 0
        while true {
            try reserve()
            let response = try await transport.send(request)
            guard response.status == 429, attempt < maxRetries else { return response }
            attempt += 1
            let wait = min(Self.retryAfter(response.header("Retry-After")) ?? Double(attempt), maxRetryAfter)
            try await Task.sleep(nanoseconds: UInt64(max(wait, 0) * 1_000_000_000))
        }
    }

    /// Sends a cleanup request, outside the budget; failures are ignored by the caller.
    func sendUncounted(_ request: WireRequest) async throws -> WireResponse {
        try await transport.send(request)
    }

    private func reserve() throws {
        try sent.withLock { count in
            if let maxRequests, count >= maxRequests { throw RunError.budgetExhausted(maxRequests) }
            count += 1
        }
    }

    /// `Retry-After` in seconds (RFC 9110 §10.2.3); the HTTP-date form is not honoured.
    static func retryAfter(_ value: String?) -> Double? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), let seconds = Double(value),
            seconds >= 0,
            seconds.isFinite
        else { return nil }
        return seconds
    }
}

/// Why a run stopped before its end.
public enum RunError: Error, Sendable, Equatable, CustomStringConvertible {
    case budgetExhausted(Int)
    case cannotConnect(String)
    case specs(String)

    public var description: String {
        switch self {
        case .budgetExhausted(let n): return "the request budget (--max-requests \(n)) is spent"
        case .cannotConnect(let why): return "cannot reach the target: \(why)"
        case .specs(let why): return why
        }
    }
}
