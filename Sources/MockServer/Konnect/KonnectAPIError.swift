import HTTPServer
import SessionsAPI

/// A request the Konnect routes refuse, answered in Konnect's error envelope. `param` names
/// the query parameter or body field at fault, so a client can point at it.
struct KonnectAPIError: Error, Sendable, Equatable {
    var status: Int
    var message: String
    var param: String?

    var response: HTTPResponse {
        let body = ErrorEnvelope.konnect(
            status: status, code: ErrorEnvelope.konnectCode(status), message: message, param: param)
        var headers = HTTPHeaders()
        if status == 401 {
            // RFC 6750 §3: a 401 names the scheme the client should use.
            headers.set("WWW-Authenticate", #"Bearer realm="konnect""#)
        }
        return .json(status, body, headers: headers)
    }

    static func badRequest(_ message: String, param: String? = nil) -> KonnectAPIError {
        KonnectAPIError(status: 400, message: message, param: param)
    }

    static func unauthorized(_ message: String) -> KonnectAPIError {
        KonnectAPIError(status: 401, message: message)
    }

    /// Unknown, malformed, deleted and other users' ids all look alike, so ids do not leak.
    static func sessionNotFound(_ id: String, param: String? = nil) -> KonnectAPIError {
        KonnectAPIError(status: 404, message: "No session with id '\(id)'", param: param)
    }
}
