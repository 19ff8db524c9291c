/// Parses a complete request head (request line and header section, up to and including the
/// empty line) from bytes. Lines end in CRLF or a bare LF (RFC 9112 §2.2 allows the latter).
enum HTTPHeadParser {
    static func parse(_ bytes: ArraySlice<UInt8>) -> Result<HTTPRequestHead, HTTPProtocolError> {
        var lines = LineCursor(bytes: bytes)
        guard let requestLine = lines.next() else { return .failure(.badRequest("empty request")) }
        guard let line = requestLine else { return .failure(.badRequest("bare CR in request line")) }
        let method: String
        let target: String
        let version: HTTPVersion
        switch parseRequestLine(line) {
        case .success(let parts): (method, target, version) = parts
        case .failure(let error): return .failure(error)
        }
        let path = RequestTarget.split(target).path
        var headers = HTTPHeaders()
        while let next = lines.next() {
            guard let fieldLine = next else {
                return .failure(.badRequest("bare CR in header section", path: path))
            }
            if fieldLine.isEmpty { break }
            switch parseField(fieldLine) {
            case .success(let field): headers.add(field.name, field.value)
            case .failure(let error): return .failure(.badRequest(error.reason, path: path))
            }
        }
        if version == .http1_1 && headers.values("Host").count != 1 {
            return .failure(.badRequest("an HTTP/1.1 request needs exactly one Host header", path: path))
        }
        if let host = headers["Host"], !HostField.isValid(host) {
            return .failure(.badRequest("invalid Host header", path: path))
        }
        let framing: HTTPBodyFraming
        switch HTTPFraming.requestFraming(headers: headers, version: version, path: path) {
        case .success(let f): framing = f
        case .failure(let error): return .failure(error)
        }
        // RFC 9110 §10.1.1: 100-continue is the only expectation defined; any other gets 417
        // rather than being silently dropped (the client relies on it being met).
        let expectations = ASCII.lowercasedList(headers.values("Expect"))
        if let unknown = expectations.first(where: { $0 != "100-continue" }) {
            return .failure(
                HTTPProtocolError(
                    status: 417, reason: "unsupported expectation '\(unknown.prefix(64))'", path: path))
        }
        let expects = !expectations.isEmpty
        return .success(
            HTTPRequestHead(
                method: method, target: target, version: version, headers: headers, framing: framing,
                keepAlive: HTTPFraming.keepAlive(headers: headers, version: version),
                expectsContinue: expects && version == .http1_1))
    }

    /// `method SP request-target SP HTTP-version`, single spaces, no empty parts.
    static func parseRequestLine(
        _ line: ArraySlice<UInt8>
    ) -> Result<(String, String, HTTPVersion), HTTPProtocolError> {
        let parts = line.split(separator: ASCII.space, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else {
            return .failure(.badRequest("malformed request line"))
        }
        guard parts[0].allSatisfy(ASCII.isToken) else { return .failure(.badRequest("invalid method")) }
        guard parts[1].allSatisfy({ $0 > 0x20 && $0 != 0x7F }) else {
            return .failure(.badRequest("invalid request target"))
        }
        let method = String(decoding: parts[0], as: UTF8.self)
        let target = originForm(String(decoding: parts[1], as: UTF8.self))
        let v = Array(parts[2])
        guard v.count == 8, v[0..<5].elementsEqual("HTTP/".utf8), v[6] == UInt8(ascii: "."),
            let major = digit(v[5]), let minor = digit(v[7])
        else {
            return .failure(.badRequest("malformed HTTP version", path: RequestTarget.split(target).path))
        }
        let version = HTTPVersion(major: major, minor: minor)
        guard version == .http1_1 || version == .http1_0 else {
            let reason = method == "PRI" && major == 2 ? "HTTP/2 is not supported" : "unsupported \(version)"
            return .failure(
                HTTPProtocolError(status: 505, reason: reason, path: RequestTarget.split(target).path))
        }
        return .success((method, target, version))
    }

    /// `field-name ":" OWS field-value OWS`; whitespace before the colon and obs-fold are errors.
    static func parseField(_ line: ArraySlice<UInt8>) -> Result<HTTPField, FieldSyntaxError> {
        guard let first = line.first else { return .failure(FieldSyntaxError(reason: "empty header line")) }
        if first == ASCII.space || first == ASCII.tab {
            return .failure(FieldSyntaxError(reason: "obsolete line folding"))
        }
        guard let colon = line.firstIndex(of: ASCII.colon) else {
            return .failure(FieldSyntaxError(reason: "header line without a colon"))
        }
        let name = line[line.startIndex..<colon]
        guard !name.isEmpty, name.allSatisfy(ASCII.isToken) else {
            return .failure(FieldSyntaxError(reason: "invalid header name"))
        }
        var value = line[(colon + 1)...]
        while let b = value.first, b == ASCII.space || b == ASCII.tab { value.removeFirst() }
        while let b = value.last, b == ASCII.space || b == ASCII.tab { value.removeLast() }
        guard value.allSatisfy(ASCII.isFieldValueByte) else {
            return .failure(FieldSyntaxError(reason: "control character in header value"))
        }
        return .success(
            HTTPField(
                name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self)))
    }

    /// Reduces an absolute-form target (`http://host/p?q`) to its origin form (`/p?q`).
    static func originForm(_ target: String) -> String {
        guard !target.hasPrefix("/") else { return target }
        for scheme in ["http://", "https://"] where target.lowercased().hasPrefix(scheme) {
            let rest = target.dropFirst(scheme.count)
            guard let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
            let tail = String(rest[slash...])
            return tail.hasPrefix("?") ? "/" + tail : tail
        }
        return target
    }

    private static func digit(_ b: UInt8) -> Int? {
        b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") ? Int(b - UInt8(ascii: "0")) : nil
    }
}

/// Why a header or trailer line is malformed.
struct FieldSyntaxError: Error {
    var reason: String
}

/// Walks lines of a head. `next()` yields nil at the end, `.some(nil)` for a line holding a bare
/// CR (a smuggling risk, RFC 9112 §2.2), otherwise the line without its CR LF.
struct LineCursor {
    let bytes: ArraySlice<UInt8>
    var position: Int

    init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        position = bytes.startIndex
    }

    mutating func next() -> ArraySlice<UInt8>?? {
        guard position < bytes.endIndex else { return nil }
        let end = bytes[position...].firstIndex(of: ASCII.lf) ?? bytes.endIndex
        var line = bytes[position..<end]
        position = end + 1
        if line.last == ASCII.cr { line = line.dropLast() }
        if line.contains(ASCII.cr) { return .some(nil) }
        return .some(line)
    }
}
