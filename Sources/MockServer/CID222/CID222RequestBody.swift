import Foundation
import HTTPServer
import JSONSchema

/// The checks every body-carrying CID222 request goes through, in this order: 413 for a
/// body over the limit, 415 for a non-JSON `Content-Type`, 400 for malformed JSON or a
/// body that is not an object. An empty body reads as `{}` where `allowEmpty`.
enum CID222RequestBody {
    /// 413 for a body over the limit; checked before credentials, as the HTTP layer does.
    static func checkSize(of request: HTTPRequest, maxBodySize: Int) throws(CID222Failure) {
        guard request.body.count <= maxBodySize else {
            throw CID222Failure(
                status: 413,
                message: APIErrorResponses.bodyTooLargeMessage(limit: maxBodySize),
                field: nil)
        }
    }

    static func object(of request: HTTPRequest, maxBodySize: Int, allowEmpty: Bool) throws(CID222Failure)
        -> JSONObject
    {
        try checkSize(of: request, maxBodySize: maxBodySize)
        if let contentType = request.headers["Content-Type"], !isJSON(contentType) {
            throw CID222Failure(
                status: 415, message: "Content-Type must be application/json, not '\(contentType)'",
                field: nil)
        }
        let isBlank = request.body.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        if isBlank {
            if allowEmpty { return [:] }
            throw .badRequest("Request body is empty: a JSON object is required")
        }
        // Strict RFC 8259 (no trailing commas, no duplicate keys, bounded nesting), as Konnect.
        guard let value = JSONValue.strictBody(request.body) else {
            throw .badRequest("Request body is not valid JSON")
        }
        guard case .object(let object) = value else {
            throw .badRequest("Request body must be a JSON object, not \(value.kindName)")
        }
        return object
    }

    /// `application/json` or any `+json` type, parameters ignored, case-insensitive.
    static func isJSON(_ contentType: String) -> Bool {
        let mediaType =
            contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first
            .map { $0.trimmingSpaces().lowercased() } ?? ""
        return mediaType == "application/json"
            || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
    }
}
