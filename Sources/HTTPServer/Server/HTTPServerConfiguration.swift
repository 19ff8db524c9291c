/// Limits, timeouts and addresses of an `HTTPServer`. Durations are in seconds.
public struct HTTPServerConfiguration: Sendable {
    /// Address to bind; loopback unless told otherwise.
    public var host: String = "127.0.0.1"
    /// Port to bind; 0 takes a free one (read it back from `HTTPServer.port`).
    public var port: Int = 0
    /// Largest request body accepted; a larger one gets 413 without being read into memory.
    public var maxBodySize: Int = 1 << 20
    /// Largest request line plus header section; a larger one gets 431.
    public var maxHeaderSize: Int = 16 * 1024
    /// A client must finish sending a request head within this time (slowloris guard).
    public var headerTimeout: Double = 10
    /// An idle keep-alive connection is closed after this time.
    public var idleTimeout: Double = 60
    /// A write that makes no progress for this long (the client stopped reading) closes the
    /// connection, so an unread answer cannot hold a connection and its buffers forever.
    public var writeTimeout: Double = 30
    /// Connections served at once; one more is answered 503 and closed.
    public var maxConnections: Int = 1024
    /// On shutdown, in-flight responses get this long to finish before they are cancelled.
    public var shutdownGracePeriod: Double = 10
    /// Event loops (epoll threads); one per core by default.
    public var eventLoopCount: Int = 0
    /// Value of the `Server` header.
    public var serverName: String = "sessions-mock"
    /// Builds the response for an error the server itself detects before routing
    /// (400, 413, 431, 501, 505, …), so each API can answer in its own error envelope.
    /// `path` is the request path when the request line was readable.
    public var protocolErrorResponder:
        @Sendable (_ status: Int, _ reason: String, _ path: String?) -> HTTPResponse =
            HTTPServerConfiguration.plainProtocolError

    /// Receives each answered request and what the server otherwise handles silently (I/O
    /// errors, timeouts, refusals); `serve --verbose` prints them. Called on the connection's
    /// event loop, so it must be quick. Nil, the default, costs nothing.
    public var log: (@Sendable (HTTPServerLogEvent) -> Void)? = nil

    public init() {}

    public static let plainProtocolError: @Sendable (Int, String, String?) -> HTTPResponse = {
        status, reason, _ in
        .json(status, #"{"error":"\#(Router.jsonEscaped(reason))"}"#)
    }
}
