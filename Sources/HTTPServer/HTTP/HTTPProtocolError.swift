/// A fault in a request's syntax or framing that the server answers itself, before routing.
/// The connection is closed after the response, because the framing can no longer be trusted.
public struct HTTPProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The status to answer with: 400, 413, 431, 501 or 505.
    public var status: Int
    /// A short explanation for the error body.
    public var reason: String
    /// The request path, when the request line could be read.
    public var path: String?

    public init(status: Int, reason: String, path: String? = nil) {
        self.status = status
        self.reason = reason
        self.path = path
    }

    public var description: String { "\(status) \(reason)" }

    static func badRequest(_ reason: String, path: String? = nil) -> HTTPProtocolError {
        HTTPProtocolError(status: 400, reason: reason, path: path)
    }
}
