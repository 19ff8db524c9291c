/// An HTTP/1.1 server on non-blocking POSIX sockets and epoll.
///
/// ```swift
/// let server = HTTPServer(configuration: config, handler: router.handler)
/// try await server.start()          // bound; `server.port` is known
/// ...
/// await server.shutdown()           // graceful: stop accepting, finish in-flight work
/// ```
public final class HTTPServer: Sendable {
    public let configuration: HTTPServerConfiguration
    let handler: HTTPHandler

    public init(configuration: HTTPServerConfiguration, handler: @escaping HTTPHandler) {
        self.configuration = configuration
        self.handler = handler
    }

    /// Binds, listens and starts serving. Returns once the socket is bound.
    public func start() async throws {
        fatalError("HTTPServer.start is not implemented yet")
    }

    /// The bound port (the real one when the configuration asked for 0). Valid after `start`.
    public var port: Int {
        fatalError("HTTPServer.port is not implemented yet")
    }

    /// Stops accepting, lets in-flight responses finish up to `shutdownGracePeriod`,
    /// cancels the rest and closes every connection. Safe to call more than once.
    public func shutdown() async {
        fatalError("HTTPServer.shutdown is not implemented yet")
    }

    /// Suspends until the server has stopped (after `shutdown`, or a signal when installed).
    public func waitUntilStopped() async {
        fatalError("HTTPServer.waitUntilStopped is not implemented yet")
    }
}
