import Foundation
import HTTPServer

/// Keeps the admin API out of reach of other origins and, when asked, of anyone without the
/// admin token. A web page can make a visitor's browser send "simple" requests (a form
/// `POST`, a `text/plain` `fetch`) to a mock on localhost without any preflight; these rules
/// refuse every such request:
/// - an `Origin` that is not this server's own (`http://` + the `Host` the request was sent
///   to), or a `Sec-Fetch-Site` of `cross-site`, gets 403;
/// - a body, or any `Content-Type`, that is not `application/json` gets 415, so a form or
///   `text/plain` request never reaches a route (and a JSON one from a browser needs a
///   preflight, which the mock never grants);
/// - with `MockOptions.adminToken` set, a request without `Authorization: Bearer <token>`
///   gets 401, on every admin route.
/// Clients that are not browsers (curl, SDK tests, `sessions`) send no `Origin` and pass.
enum AdminGuard {
    static func refusal(of request: HTTPRequest, adminToken: String?) -> HTTPResponse? {
        if let origin = request.headers["Origin"], !isOwnOrigin(origin, host: request.headers["Host"]) {
            return AdminResponse.failure(
                403, "Admin requests from another origin ('\(origin.prefix(100))') are refused")
        }
        if request.headers["Sec-Fetch-Site"]?.lowercased() == "cross-site" {
            return AdminResponse.failure(403, "Cross-site admin requests are refused")
        }
        if let adminToken, !presentsToken(request, adminToken) {
            var response = AdminResponse.failure(
                401, "Admin routes need 'Authorization: Bearer <admin token>' (serve --admin-token)")
            response.headers.set("WWW-Authenticate", #"Bearer realm="sessions-admin""#)
            return response
        }
        let contentType = request.headers["Content-Type"]
        if let contentType, !isJSON(contentType) {
            return AdminResponse.failure(
                415, "Admin request bodies must be application/json, not '\(contentType.prefix(100))'")
        }
        if contentType == nil, !request.body.isEmpty {
            return AdminResponse.failure(415, "Admin request bodies need 'Content-Type: application/json'")
        }
        return nil
    }

    /// Same scheme, host and port as the request's `Host`. The mock speaks plain HTTP only.
    static func isOwnOrigin(_ origin: String, host: String?) -> Bool {
        guard let host, !host.isEmpty else { return false }
        return origin.lowercased() == "http://" + host.lowercased()
    }

    /// `application/json`, in any case, with or without parameters such as `charset`.
    static func isJSON(_ contentType: String) -> Bool {
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first ?? ""
        return mediaType.trimmingCharacters(in: .whitespaces).lowercased() == "application/json"
    }

    private static func presentsToken(_ request: HTTPRequest, _ token: String) -> Bool {
        let values = request.headers.values("Authorization")
        guard values.count == 1, let value = values.first else { return false }
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return false }
        let presented = Array(parts[1].trimmingCharacters(in: .whitespaces).utf8)
        // Digests first, so the comparison takes the same time whatever the lengths.
        return HMACSHA256.constantTimeEqual(SHA256.hash(presented), SHA256.hash(Array(token.utf8)))
    }
}
