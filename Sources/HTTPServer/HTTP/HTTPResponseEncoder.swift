/// Serializes response heads and chunks. The server owns framing: any `Content-Length`,
/// `Transfer-Encoding` or `Connection` field from a handler is replaced by the plan's.
enum HTTPResponseEncoder {
    static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
    static let lastChunk: [UInt8] = Array("0\r\n\r\n".utf8)

    private static let framingFields = ["Content-Length", "Transfer-Encoding", "Connection"]

    static func head(
        status: Int, headers: HTTPHeaders, plan: ResponsePlan, requestVersion: HTTPVersion, date: String,
        serverName: String
    ) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        out.append(contentsOf: "HTTP/1.1 \(status) \(HTTPResponse.reasonPhrase(status))\r\n".utf8)
        var hasDate = false
        var hasServer = false
        for field in headers {
            if framingFields.contains(where: { HTTPHeaders.sameName($0, field.name) }) { continue }
            if HTTPHeaders.sameName(field.name, "Date") { hasDate = true }
            if HTTPHeaders.sameName(field.name, "Server") { hasServer = true }
            appendField(&out, field.name, field.value)
        }
        if !hasDate { appendField(&out, "Date", date) }
        if !hasServer { appendField(&out, "Server", serverName) }
        switch plan.framing {
        case .contentLength(let n):
            appendField(&out, "Content-Length", String(n))
        case .chunked:
            appendField(&out, "Transfer-Encoding", "chunked")
        case .closeDelimited, .noContent:
            break
        }
        if !plan.keepAlive {
            appendField(&out, "Connection", "close")
        } else if requestVersion == .http1_0 {
            appendField(&out, "Connection", "keep-alive")
        }
        out.append(ASCII.cr)
        out.append(ASCII.lf)
        return out
    }

    /// One chunk: size in hex, CRLF, data, CRLF. Callers never pass an empty chunk, which would
    /// end the body early.
    static func chunk(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count + 12)
        out.append(contentsOf: String(data.count, radix: 16).utf8)
        out.append(ASCII.cr)
        out.append(ASCII.lf)
        out.append(contentsOf: data)
        out.append(ASCII.cr)
        out.append(ASCII.lf)
        return out
    }

    /// Writes `name: value` CRLF; CR, LF and NUL from a handler become spaces so a header value
    /// can never split the response.
    private static func appendField(_ out: inout [UInt8], _ name: String, _ value: String) {
        for b in name.utf8 { out.append(isUnsafe(b) ? ASCII.space : b) }
        out.append(ASCII.colon)
        out.append(ASCII.space)
        for b in value.utf8 { out.append(isUnsafe(b) ? ASCII.space : b) }
        out.append(ASCII.cr)
        out.append(ASCII.lf)
    }

    private static func isUnsafe(_ b: UInt8) -> Bool {
        b == ASCII.cr || b == ASCII.lf || b == 0
    }
}
