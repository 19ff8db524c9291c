import HTTPServer
import SessionsAPI

/// Chooses the error envelope by the API a path belongs to, for errors raised outside a
/// route: unknown paths, wrong methods, and the HTTP layer's own limits.
enum APIErrorResponses {
    enum API { case konnect, cid222, admin }

    /// The one 413 message, whichever layer sees the body first: the HTTP server while
    /// reading it, or a route handed a body by an in-process caller.
    static func bodyTooLargeMessage(limit: Int) -> String {
        "Request body is larger than the limit of \(limit) bytes"
    }

    static func api(forPath path: String?) -> API {
        guard let path else { return .admin }
        if path == "/v1" || path.hasPrefix("/v1/") { return .konnect }
        if path == "/sessions" || path.hasPrefix("/sessions/") { return .cid222 }
        return .admin
    }

    static func response(status: Int, message: String, path: String?, headers: HTTPHeaders = HTTPHeaders())
        -> HTTPResponse
    {
        switch api(forPath: path) {
        case .konnect:
            let body = ErrorEnvelope.konnect(
                status: status, code: ErrorEnvelope.konnectCode(status), message: message)
            return .json(status, body, headers: headers)
        case .cid222, .admin:
            return .json(status, ErrorEnvelope.cid222(status: status, message: message), headers: headers)
        }
    }

    static func unmatched(_ request: HTTPRequest, _ allowed: [String]) -> HTTPResponse {
        if allowed.isEmpty {
            return response(
                status: 404, message: "No route for \(request.method) \(request.path)", path: request.path)
        }
        var headers = HTTPHeaders()
        headers.set("Allow", allowed.joined(separator: ", "))
        return response(
            status: 405,
            message:
                "Method \(request.method) is not allowed here; allowed: \(allowed.joined(separator: ", "))",
            path: request.path, headers: headers)
    }
}
