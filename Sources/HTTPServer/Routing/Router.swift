/// Routes requests by method and path pattern. Patterns are split on `/`; a segment
/// `:name` matches any one non-empty segment and is captured into `pathParameters`.
/// Build it once, then hand it to the server: it is a value, so the hot path takes no lock.
public struct Router: Sendable {
    struct Route: Sendable {
        var method: String
        var segments: [Segment]
        var handler: HTTPHandler
    }

    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    private var routes: [Route] = []

    /// Answers a request no route matched. `allowedMethods` is empty when no pattern matched
    /// the path (404) and lists the methods that would match otherwise (405).
    public var unmatched: @Sendable (_ request: HTTPRequest, _ allowedMethods: [String]) -> HTTPResponse =
        Router.defaultUnmatched

    public init() {}

    /// Adds a route. Earlier routes win when two match.
    public mutating func add(_ method: String, _ pattern: String, _ handler: @escaping HTTPHandler) {
        let segments = Self.split(pattern).map { part -> Segment in
            part.hasPrefix(":") ? .parameter(String(part.dropFirst())) : .literal(part)
        }
        routes.append(Route(method: method, segments: segments, handler: handler))
    }

    /// Finds the route for the request and runs it, or answers 404 / 405 with `Allow`.
    public func respond(to request: HTTPRequest) async -> HTTPResponse {
        let parts = Self.split(request.path)
        var allowed: [String] = []
        for route in routes {
            guard let params = Self.match(route.segments, parts) else { continue }
            if route.method == request.method || (request.method == "HEAD" && route.method == "GET") {
                var routed = request
                routed.pathParameters = params
                return await route.handler(routed)
            }
            if !allowed.contains(route.method) { allowed.append(route.method) }
        }
        if allowed.contains("GET") && !allowed.contains("HEAD") { allowed.append("HEAD") }
        return unmatched(request, allowed)
    }

    /// The router as a handler for `HTTPServer`.
    public var handler: HTTPHandler {
        let router = self
        return { await router.respond(to: $0) }
    }

    static func split(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    static func match(_ pattern: [Segment], _ parts: [String]) -> [String: String]? {
        guard pattern.count == parts.count else { return nil }
        var params: [String: String] = [:]
        for (segment, part) in zip(pattern, parts) {
            switch segment {
            case .literal(let text):
                if text != part { return nil }
            case .parameter(let name):
                params[name] = RequestTarget.decode(ArraySlice(part.utf8), plusAsSpace: false)
            }
        }
        return params
    }

    public static let defaultUnmatched: @Sendable (HTTPRequest, [String]) -> HTTPResponse = {
        request, allowed in
        if allowed.isEmpty {
            return .json(404, #"{"error":"no route for \#(request.method) \#(jsonEscaped(request.path))"}"#)
        }
        var headers = HTTPHeaders()
        headers.set("Allow", allowed.joined(separator: ", "))
        return .json(
            405,
            #"{"error":"method \#(request.method) not allowed; allowed: \#(allowed.joined(separator: ", "))"}"#,
            headers: headers)
    }

    static func jsonEscaped(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
