/// How a response body is delimited on the wire (RFC 9112 §6).
enum ResponseFraming: Equatable {
    /// `Content-Length: n`, then exactly n bytes (or none for HEAD).
    case contentLength(Int)
    /// `Transfer-Encoding: chunked`, ended by the zero-size chunk.
    case chunked
    /// No framing header; the body ends when the connection closes (HTTP/1.0 streams).
    case closeDelimited
    /// No content and no length header: 1xx, 204, 304, and HEAD of a stream.
    case noContent
}

/// The framing decisions for one response, made from the request and the handler's answer.
struct ResponsePlan: Equatable {
    enum BodyKind: Equatable {
        case bytes(count: Int)
        case stream
    }

    var framing: ResponseFraming
    /// Whether the connection stays open afterwards.
    var keepAlive: Bool
    /// Whether body bytes are written (or the stream closure run) at all.
    var sendsBody: Bool

    static func make(
        method: String, version: HTTPVersion, requestKeepAlive: Bool, status: Int, body: BodyKind,
        responseHeaders: HTTPHeaders, draining: Bool
    ) -> ResponsePlan {
        var keepAlive = requestKeepAlive && !draining
        if ASCII.lowercasedList(responseHeaders.values("Connection")).contains("close") { keepAlive = false }
        let isHead = method == "HEAD"
        if HTTPFraming.statusForbidsBody(status) {
            return ResponsePlan(framing: .noContent, keepAlive: keepAlive, sendsBody: false)
        }
        switch body {
        case .bytes(let count):
            return ResponsePlan(framing: .contentLength(count), keepAlive: keepAlive, sendsBody: !isHead)
        case .stream:
            if isHead { return ResponsePlan(framing: .noContent, keepAlive: keepAlive, sendsBody: false) }
            if version == .http1_1 { return ResponsePlan(framing: .chunked, keepAlive: keepAlive, sendsBody: true) }
            return ResponsePlan(framing: .closeDelimited, keepAlive: false, sendsBody: true)
        }
    }
}
