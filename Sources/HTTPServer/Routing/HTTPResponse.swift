/// Writes the pieces of a streamed response body. Each `write` reaches the socket before it
/// returns (or throws when the client has gone), which gives back-pressure and lets a
/// handler see a disconnect.
public struct HTTPBodyWriter: Sendable {
    private let sink: @Sendable ([UInt8]) async throws -> Void
    private let pauser: @Sendable (Int) async throws -> Void

    /// `pause` defaults to `Task.sleep`; the server passes its event loop's timer.
    public init(
        _ sink: @escaping @Sendable ([UInt8]) async throws -> Void,
        pause: @escaping @Sendable (Int) async throws -> Void = {
            try await Task.sleep(for: .milliseconds($0))
        }
    ) {
        self.sink = sink
        pauser = pause
    }

    /// A writer that sends through `sink` (which usually ends in this writer) and pauses as
    /// this one does: for wrappers that watch or edit what a body writes.
    public func passing(through sink: @escaping @Sendable ([UInt8]) async throws -> Void) -> HTTPBodyWriter {
        HTTPBodyWriter(sink, pause: pauser)
    }

    public func write(_ bytes: [UInt8]) async throws {
        guard !bytes.isEmpty else { return }
        try await sink(bytes)
    }

    public func write(_ text: String) async throws {
        try await write(Array(text.utf8))
    }

    /// Waits without writing; throws when the client leaves meanwhile. Bodies pause through
    /// here rather than `Task.sleep`: the server's timer lets go of everything the moment
    /// the wait ends, where a cancelled `Task.sleep` keeps its timer until the deadline.
    public func pause(milliseconds: Int) async throws {
        guard milliseconds > 0 else { return }
        try await pauser(milliseconds)
    }
}

/// What a response carries after its head.
public enum HTTPResponseBody: Sendable {
    public typealias StreamBody = @Sendable (HTTPBodyWriter) async throws -> Void

    /// A body known in full: sent with `Content-Length`.
    case bytes([UInt8])
    /// A body produced over time: sent chunked (HTTP/1.1) or close-delimited (HTTP/1.0). It
    /// runs as a task of its own while the connection watches for a hang-up, which cancels it
    /// whatever it awaits.
    case stream(StreamBody)
    /// A stream whose body awaits nothing but its writer (`write` and `pause`). It runs in the
    /// connection's own task with nobody else watching: a hang-up ends it as the error of its
    /// next write or of the pause it is in. An open stream then costs one task, not two.
    case writerPacedStream(StreamBody)
    /// A stream the server steps through itself (`SteppedBody`). While it pauses, the
    /// connection holds no task for it either: of all streams, this one costs least open.
    case stepped(any SteppedBody)
    /// No response at all: the connection is reset (RST) before any byte is written.
    /// Used by fault injection to imitate a gateway that drops the connection.
    case resetConnection

    /// The body of either kind of stream.
    public var streamBody: StreamBody? {
        switch self {
        case .stream(let body), .writerPacedStream(let body): return body
        case .stepped(let body): return { writer in try await body.run(writing: writer) }
        case .bytes, .resetConnection: return nil
        }
    }

    /// The same kind of stream with another body (which usually wraps this one's).
    public func replacingStreamBody(with body: @escaping StreamBody) -> HTTPResponseBody {
        switch self {
        case .writerPacedStream, .stepped: return .writerPacedStream(body)
        case .stream, .bytes, .resetConnection: return .stream(body)
        }
    }
}

public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: HTTPResponseBody

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: HTTPResponseBody = .bytes([])) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response whose body is JSON text already encoded.
    public static func json(_ status: Int, _ body: [UInt8], headers: HTTPHeaders = HTTPHeaders())
        -> HTTPResponse
    {
        var h = headers
        h.set("Content-Type", "application/json")
        return HTTPResponse(status: status, headers: h, body: .bytes(body))
    }

    public static func json(_ status: Int, _ body: String, headers: HTTPHeaders = HTTPHeaders())
        -> HTTPResponse
    {
        json(status, Array(body.utf8), headers: headers)
    }

    /// The standard reason phrase of a status code, for the status line.
    public static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 100: return "Continue"
        case 101: return "Switching Protocols"
        case 200: return "OK"
        case 201: return "Created"
        case 202: return "Accepted"
        case 204: return "No Content"
        case 206: return "Partial Content"
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 304: return "Not Modified"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 409: return "Conflict"
        case 411: return "Length Required"
        case 413: return "Content Too Large"
        case 414: return "URI Too Long"
        case 415: return "Unsupported Media Type"
        case 417: return "Expectation Failed"
        case 422: return "Unprocessable Content"
        case 429: return "Too Many Requests"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        case 505: return "HTTP Version Not Supported"
        case 529: return "Site Overloaded"
        default: return "Status \(status)"
        }
    }
}

/// Answers one request. Handlers run concurrently; they must not block a thread.
public typealias HTTPHandler = @Sendable (HTTPRequest) async -> HTTPResponse
