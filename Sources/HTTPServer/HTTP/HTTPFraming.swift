/// The message-framing rules of RFC 9112 that decide how a body is delimited and whether a
/// connection persists. Pure functions, so each rule is tested on its own.
enum HTTPFraming {
    /// Content-Length values longer than this cannot be represented and are rejected.
    static let maxContentLengthDigits = 18

    /// Decides the body framing of a request from its headers (RFC 9112 §6.1–6.3).
    static func requestFraming(
        headers: HTTPHeaders, version: HTTPVersion, path: String
    ) -> Result<HTTPBodyFraming, HTTPProtocolError> {
        let transferEncodings = headers.values("Transfer-Encoding")
        let contentLengths = headers.values("Content-Length")
        if !transferEncodings.isEmpty {
            // A message with both is a request-smuggling vector: reject rather than guess.
            if !contentLengths.isEmpty {
                return .failure(.badRequest("both Transfer-Encoding and Content-Length", path: path))
            }
            if version == .http1_0 {
                return .failure(.badRequest("Transfer-Encoding in an HTTP/1.0 request", path: path))
            }
            let codings = ASCII.lowercasedList(transferEncodings)
            if codings.isEmpty {
                return .failure(.badRequest("empty Transfer-Encoding", path: path))
            }
            if let unknown = codings.first(where: { $0 != "chunked" }) {
                return .failure(
                    HTTPProtocolError(status: 501, reason: "unsupported transfer coding '\(unknown)'", path: path))
            }
            if codings.count > 1 {
                return .failure(.badRequest("chunked applied more than once", path: path))
            }
            return .success(.chunked)
        }
        guard !contentLengths.isEmpty else { return .success(.none) }
        var length: Int?
        for value in contentLengths {
            for part in value.split(separator: ",", omittingEmptySubsequences: false) {
                let trimmed = part.trimmingSpacesAndTabs()
                guard let n = parseContentLength(trimmed) else {
                    return .failure(.badRequest("invalid Content-Length", path: path))
                }
                if let length, length != n {
                    return .failure(.badRequest("conflicting Content-Length values", path: path))
                }
                length = n
            }
        }
        return .success(.length(length ?? 0))
    }

    /// `1*DIGIT`, nothing else: no sign, no spaces inside, no hex.
    static func parseContentLength(_ text: Substring) -> Int? {
        let utf8 = text.utf8
        guard !utf8.isEmpty, utf8.count <= maxContentLengthDigits else { return nil }
        var n = 0
        for b in utf8 {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            n = n * 10 + Int(b - UInt8(ascii: "0"))
        }
        return n
    }

    /// HTTP/1.1 persists unless `close` is listed; HTTP/1.0 only when `keep-alive` is.
    static func keepAlive(headers: HTTPHeaders, version: HTTPVersion) -> Bool {
        let options = ASCII.lowercasedList(headers.values("Connection"))
        if options.contains("close") { return false }
        if version == .http1_1 { return true }
        return options.contains("keep-alive")
    }

    /// Whether a response with this status carries no content (RFC 9110 §6.4.1).
    static func statusForbidsBody(_ status: Int) -> Bool {
        (100..<200).contains(status) || status == 204 || status == 304
    }
}
