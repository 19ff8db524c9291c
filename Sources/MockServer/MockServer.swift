import Foundation
import HTTPServer
import SessionsAPI

/// The Sessions mock: both APIs and the admin routes on one port.
///
/// ```swift
/// let mock = try await MockServer.start(port: 0, options: MockOptions())
/// // use mock.baseURL …
/// await mock.stop()
/// ```
public final class MockServer: Sendable {
    public let environment: MockEnvironment
    public let baseURL: URL
    private let server: HTTPServer

    private init(environment: MockEnvironment, server: HTTPServer, baseURL: URL) {
        self.environment = environment
        self.server = server
        self.baseURL = baseURL
    }

    /// Starts a mock on `options.host` and `port` (0 picks a free port).
    public static func start(port: Int = 0, options: MockOptions = MockOptions()) async throws -> MockServer {
        try await start(port: port, environment: MockEnvironment(options: options))
    }

    /// Starts a mock on an environment prepared beforehand, so fixtures (state, faults,
    /// scripted replies) are in place before the first request can arrive.
    public static func start(port: Int = 0, environment: MockEnvironment) async throws -> MockServer {
        let options = environment.options
        let player = try options.replay.map {
            ReplayPlayer(library: try ReplayLibrary.load(from: $0.path), speed: $0.speed)
        }
        var configuration = HTTPServerConfiguration()
        configuration.host = options.host
        configuration.port = port
        configuration.maxBodySize = options.maxBodySize
        configuration.idleTimeout = options.idleTimeout
        configuration.serverName = SessionsVersion.serverHeader
        configuration.writeTimeout = options.writeTimeout
        configuration.maxConnections = options.maxConnections
        configuration.log = options.serverLog
        let bodyLimit = options.maxBodySize
        configuration.protocolErrorResponder = { status, reason, path in
            let message = status == 413 ? APIErrorResponses.bodyTooLargeMessage(limit: bodyLimit) : reason
            return APIErrorResponses.response(status: status, message: message, path: path)
        }
        let handler: HTTPHandler
        if let player {
            handler = makeHandler(environment: environment, replay: player)
        } else {
            handler = makeHandler(environment: environment)
        }
        let server = HTTPServer(configuration: configuration, handler: handler)
        try await server.start()
        let host = options.host.contains(":") ? "[\(options.host)]" : options.host
        guard let url = URL(string: "http://\(host):\(server.port)") else {
            await server.shutdown()
            throw MockServerError.badHost(options.host)
        }
        return MockServer(environment: environment, server: server, baseURL: url)
    }

    /// The mock's whole request handling without a socket, for in-process tests.
    public static func makeHandler(environment: MockEnvironment) -> HTTPHandler {
        var router = Router()
        router.unmatched = APIErrorResponses.unmatched
        AdminRoutes.register(into: &router, environment: environment)
        KonnectRoutes.register(into: &router, environment: environment)
        CID222Routes.register(into: &router, environment: environment)
        return MockMiddleware.wrap(router.handler, environment: environment)
    }

    /// Like `makeHandler(environment:)`, but the API paths are answered by `replay`; admin
    /// routes stay live, and `POST /__admin/reset` also starts the replay over.
    public static func makeHandler(environment: MockEnvironment, replay: ReplayPlayer) -> HTTPHandler {
        var router = Router()
        router.unmatched = APIErrorResponses.unmatched
        AdminRoutes.register(into: &router, environment: environment)
        let admin = router.handler
        return MockMiddleware.wrap(
            { request in
                guard MockMiddleware.isAdmin(path: request.path) else {
                    return await replay.respond(to: request)
                }
                // A bad namespace is refused by the reset route itself; nothing is reset then.
                if request.method == "POST", request.path == "/__admin/reset",
                    case .success(let scope) = Result(catching: {
                        try AdminScope.explicitNamespace(of: request)
                    })
                {
                    replay.reset(namespace: scope)
                }
                return await admin(request)
            }, environment: environment)
    }

    /// Graceful stop: no new connections, in-flight responses finish, then the port closes.
    public func stop() async {
        await server.shutdown()
    }

    /// Suspends until the server stops.
    public func waitUntilStopped() async {
        await server.waitUntilStopped()
    }
}

public enum MockServerError: Error, CustomStringConvertible {
    case badHost(String)

    public var description: String {
        switch self {
        case .badHost(let host): return "cannot form a URL with host '\(host)'"
        }
    }
}
