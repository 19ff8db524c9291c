#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a server reports to `HTTPServerConfiguration.log`: every request it answered, and
/// what it otherwise handles without a word to anyone (a client's I/O error, a timeout, a
/// refused connection), so `serve --verbose` can show why a connection went away.
public enum HTTPServerLogEvent: Sendable, Equatable, CustomStringConvertible {
    /// A request answered: its method and target, the status sent, and the time from the
    /// request being read to the response being written.
    case request(method: String, target: String, status: Int, milliseconds: Double)
    /// A request the server refused before routing (400, 413, 431, 501, 505, …).
    case protocolError(status: Int, reason: String)
    /// A connection that ended on an error rather than a close by either side.
    case connectionFailed(reason: String)
    /// A connection past `maxConnections`, answered 503 and closed.
    case refusedOverCapacity(limit: Int)
    /// `accept` failed; `outOfDescriptors` when the process is at its descriptor limit.
    case acceptFailed(errorNumber: Int32, outOfDescriptors: Bool)

    public var description: String {
        switch self {
        case .request(let method, let target, let status, let milliseconds):
            let rounded = (milliseconds * 1000).rounded() / 1000
            return "\(method) \(target) → \(status) in \(rounded) ms"
        case .protocolError(let status, let reason):
            return "refused a request with \(status): \(reason)"
        case .connectionFailed(let reason):
            return "connection ended: \(reason)"
        case .refusedOverCapacity(let limit):
            return "refused a connection with 503: at the limit of \(limit) connections"
        case .acceptFailed(let errorNumber, let outOfDescriptors):
            let cause = outOfDescriptors ? "out of file descriptors, retrying" : "errno \(errorNumber)"
            return "accept failed: \(cause)"
        }
    }

    /// A readable reason for an error that ended a connection.
    static func reason(for error: any Error) -> String {
        switch error {
        case IOWaitError.timedOut: return "timed out (header, idle or write timeout)"
        case IOWaitError.shuttingDown: return "closed idle for shutdown"
        case IOWaitError.closed: return "descriptor closed"
        case let closed as ConnectionClosedError:
            guard closed.errorNumber != 0 else { return "the peer closed the connection" }
            return "socket error \(closed.errorNumber) (\(String(cString: strerror(closed.errorNumber))))"
        case is CancellationError: return "cancelled (shutdown grace period over)"
        default: return "\(error)"
        }
    }
}
