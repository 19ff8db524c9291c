/// How a request's body is delimited (RFC 9112 §6.3).
public enum HTTPBodyFraming: Sendable, Equatable {
    /// No body: neither Content-Length nor Transfer-Encoding was sent.
    case none
    /// Exactly this many bytes follow the head.
    case length(Int)
    /// The body is chunked.
    case chunked
}

/// A parsed request line and header section, before the body.
public struct HTTPRequestHead: Sendable {
    public var method: String
    public var target: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var framing: HTTPBodyFraming
    /// Whether the connection may stay open after the response (RFC 9112 §9.3).
    public var keepAlive: Bool
    /// `Expect: 100-continue` on HTTP/1.1.
    public var expectsContinue: Bool

    /// The path of the target, for error responses.
    public var path: String { RequestTarget.split(target).path }

    public var hasBody: Bool {
        switch framing {
        case .none: return false
        case .length(let n): return n > 0
        case .chunked: return true
        }
    }
}
