/// The HTTP version of a request line.
public struct HTTPVersion: Sendable, Equatable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    public static let http1_0 = HTTPVersion(major: 1, minor: 0)
    public static let http1_1 = HTTPVersion(major: 1, minor: 1)

    public var description: String { "HTTP/\(major).\(minor)" }
}

/// A query parameter, percent-decoded, with `+` read as a space.
public struct QueryItem: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A complete request as handed to a handler: the head is parsed and the body fully read.
public struct HTTPRequest: Sendable {
    /// The method as sent (methods are case-sensitive, RFC 9110 §9.1).
    public var method: String
    /// The request-target exactly as it appeared on the request line.
    public var target: String
    /// The path part of the target, without the query, percent-decoding not applied.
    public var path: String
    public var queryItems: [QueryItem]
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// Values captured by `:name` segments of the route that matched.
    public var pathParameters: [String: String]
    /// Trailer fields of a chunked body, kept apart from `headers` (RFC 9110 §6.5).
    public var trailers = HTTPHeaders()

    public init(
        method: String,
        target: String,
        version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = []
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
        self.pathParameters = [:]
        let (path, query) = RequestTarget.split(target)
        self.path = path
        self.queryItems = query
    }

    /// The first value of the query parameter `name`.
    public func query(_ name: String) -> String? {
        queryItems.first { $0.name == name }?.value
    }

    /// The path parameter `name` captured by the router.
    public func parameter(_ name: String) -> String? {
        pathParameters[name]
    }
}
