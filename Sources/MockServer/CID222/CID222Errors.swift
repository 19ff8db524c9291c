import HTTPServer
import SessionsAPI

/// A CID222 request that cannot be served, with the status and message it answers with.
struct CID222Failure: Error, Equatable {
    var status: Int
    var message: String
    /// For 400s: the offending field, reported as `details.field`.
    var field: String?

    static func badRequest(_ message: String, field: String? = nil) -> CID222Failure {
        CID222Failure(status: 400, message: message, field: field)
    }

    static func unauthorized(_ error: JWTError) -> CID222Failure {
        CID222Failure(status: 401, message: error.description, field: nil)
    }

    static let sessionNotFound = CID222Failure(status: 404, message: "Session not found", field: nil)

    /// The error in CID222's envelope.
    var response: HTTPResponse {
        var headers = HTTPHeaders()
        if status == 401 { headers.set("WWW-Authenticate", #"Bearer realm="cid222""#) }
        let details = field.map { ["field": $0] }
        return .json(
            status, ErrorEnvelope.cid222(status: status, message: message, details: details), headers: headers
        )
    }
}

extension HTTPResponse {
    /// A CID222 JSON answer of any wire type.
    static func cid222<T: Encodable>(_ status: Int, _ value: T) -> HTTPResponse {
        .json(status, WireJSON.encode(value))
    }
}
