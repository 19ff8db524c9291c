import Foundation

/// The error bodies of the two APIs (their vendors' public docs fix the shapes; see
/// `Specs/README.md`). Keys are written sorted so bodies are byte-for-byte repeatable.
public enum ErrorEnvelope {
    /// CID222: `{"error": "Not Found", "message": "…", "statusCode": 404, "details": {…}?}`.
    public static func cid222(status: Int, message: String, details: [String: String]? = nil) -> [UInt8] {
        struct Body: Encodable {
            var statusCode: Int
            var message: String
            var error: String
            var details: [String: String]?
        }
        return WireJSON.encode(
            Body(statusCode: status, message: message, error: reason(status), details: details))
    }

    /// Konnect: `{"error": {"code": "…", "message": "…", "status": 404}}`.
    public static func konnect(status: Int, code: String, message: String, param: String? = nil) -> [UInt8] {
        struct Inner: Encodable {
            var code: String
            var message: String
            var status: Int
            var param: String?
        }
        struct Body: Encodable { var error: Inner }
        return WireJSON.encode(Body(error: Inner(code: code, message: message, status: status, param: param)))
    }

    /// The short name of a status, as CID222's `error` field carries it. This is not the
    /// status line's reason phrase (`HTTPResponse.reasonPhrase`, RFC 9110's wording): the
    /// vendor's envelope follows the older names its framework uses ("Payload Too Large" for
    /// 413, "Overloaded" for 529), so the two tables hold different facts on purpose.
    public static func reason(_ status: Int) -> String {
        switch status {
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 409: return "Conflict"
        case 413: return "Payload Too Large"
        case 415: return "Unsupported Media Type"
        case 417: return "Expectation Failed"
        case 429: return "Too Many Requests"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 503: return "Service Unavailable"
        case 505: return "HTTP Version Not Supported"
        case 507: return "Insufficient Storage"
        case 529: return "Overloaded"
        default: return "Error"
        }
    }

    /// Konnect's snake_case code for a status when no more specific one applies.
    public static func konnectCode(_ status: Int) -> String {
        switch status {
        case 400: return "invalid_request"
        case 401: return "unauthorized"
        case 404: return "not_found"
        case 405: return "method_not_allowed"
        case 413: return "payload_too_large"
        case 415: return "unsupported_media_type"
        case 417: return "expectation_failed"
        case 429: return "rate_limit_exceeded"
        case 503: return "service_unavailable"
        case 507: return "insufficient_storage"
        case 529: return "overloaded"
        default: return status >= 500 ? "internal_error" : "error"
        }
    }
}
