/// An incremental HTTP/1.1 request parser: a pure state machine over bytes.
///
/// Feed it whatever the socket gave, then call `next()` until it returns nil (it needs more
/// bytes). Any split of the input parses the same. Pipelined requests come out one by one.
/// After a `.failure` the parser stops: the connection must answer and close.
public struct HTTPRequestParser: Sendable {
    public enum Event: Sendable {
        /// The head asked for `100 Continue` and no body byte has arrived yet.
        case continueExpected(HTTPRequestHead)
        /// A complete request.
        case request(HTTPRequest)
        /// A protocol error; answer with its status and close.
        case failure(HTTPProtocolError)
    }

    /// A chunk-size line (size and extensions) longer than this is rejected.
    static let maxChunkLineLength = 4096
    /// Extensions are ignored, so they get a budget of their own per request (the header
    /// limit): otherwise tiny chunks with long extensions stream gigabytes past the body limit.
    var maxChunkExtensionBytes: Int { maxHeaderSize }

    private enum BodyMode {
        case fixed(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers(bytesSeen: Int)
    }

    private struct BodyState {
        var head: HTTPRequestHead
        var collected: [UInt8] = []
        var trailers = HTTPHeaders()
        var extensionBytes = 0
        var mode: BodyMode
    }

    private enum State {
        case head
        case body(BodyState)
        case failed
    }

    public let maxHeaderSize: Int
    public let maxBodySize: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var scanFrom = 0
    private var state = State.head

    public init(maxHeaderSize: Int = 16 * 1024, maxBodySize: Int = 1 << 20) {
        self.maxHeaderSize = maxHeaderSize
        self.maxBodySize = maxBodySize
    }

    /// Bytes received but not yet consumed by a complete request.
    public var bufferedByteCount: Int { buffer.count - start }

    /// What the buffer holds allocated, used or not; for tests of `releaseSpareCapacity`.
    public var bufferCapacity: Int { buffer.capacity }

    /// True between requests: no head is partly read and no body is pending.
    public var isBetweenRequests: Bool {
        if case .head = state { return true }
        return false
    }

    /// True while the body of a parsed head is being read.
    public var isReadingBody: Bool {
        if case .body = state { return true }
        return false
    }

    /// Drops the buffer when nothing in it is left to parse, so an idle connection (or one
    /// streaming a response for minutes) holds none; the next `feed` allocates afresh.
    public mutating func releaseSpareCapacity() {
        guard start == buffer.count, buffer.capacity > 0 else { return }
        buffer = []
        start = 0
        scanFrom = 0
    }

    // Out of line here and in `next`: inlined into the connection's loop, the parser's
    // locals widened the async frame every connection keeps for its whole life.
    @inline(never)
    public mutating func feed<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
            scanFrom = 0
        } else if start >= 4096 && start * 2 >= buffer.count {
            buffer.removeSubrange(0..<start)
            scanFrom -= start
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next event the buffered bytes allow, or nil when more bytes are needed.
    @inline(never)
    public mutating func next() -> Event? {
        switch state {
        case .failed:
            return nil
        case .head:
            return parseHead()
        case .body(var body):
            // Take the state out so the collected bytes are uniquely referenced while appending.
            state = .failed
            let event = advance(&body)
            if event == nil { state = .body(body) }
            return event
        }
    }

    private mutating func fail(_ error: HTTPProtocolError) -> Event {
        state = .failed
        return .failure(error)
    }

    private mutating func parseHead() -> Event? {
        skipEmptyLines()
        guard start < buffer.count else { return nil }
        guard let headEnd = findHeadEnd() else {
            if buffer.count - start > maxHeaderSize {
                return fail(
                    HTTPProtocolError(status: 431, reason: "request head exceeds \(maxHeaderSize) bytes"))
            }
            return nil
        }
        if headEnd - start > maxHeaderSize {
            return fail(HTTPProtocolError(status: 431, reason: "request head exceeds \(maxHeaderSize) bytes"))
        }
        let head: HTTPRequestHead
        switch HTTPHeadParser.parse(buffer[start..<headEnd]) {
        case .success(let h): head = h
        case .failure(let error): return fail(error)
        }
        start = headEnd
        scanFrom = headEnd
        let mode: BodyMode
        switch head.framing {
        case .none:
            mode = .fixed(remaining: 0)
        case .length(let n):
            if n > maxBodySize {
                return fail(
                    HTTPProtocolError(
                        status: 413, reason: "body of \(n) bytes exceeds \(maxBodySize)", path: head.path))
            }
            mode = .fixed(remaining: n)
        case .chunked:
            mode = .chunkSize
        }
        var body = BodyState(head: head, mode: mode)
        if head.expectsContinue && head.hasBody && start == buffer.count {
            state = .body(body)
            return .continueExpected(head)
        }
        state = .failed
        let event = advance(&body)
        if event == nil { state = .body(body) }
        return event
    }

    /// RFC 9112 §2.2: empty lines before a request line are ignored.
    private mutating func skipEmptyLines() {
        while start < buffer.count {
            if buffer[start] == ASCII.lf {
                start += 1
            } else if buffer[start] == ASCII.cr, start + 1 < buffer.count, buffer[start + 1] == ASCII.lf {
                start += 2
            } else {
                break
            }
        }
        scanFrom = max(scanFrom, start)
    }

    /// The index just past the empty line that ends the head, scanning only new bytes.
    private mutating func findHeadEnd() -> Int? {
        var i = scanFrom
        while i < buffer.count, let lf = buffer[i...].firstIndex(of: ASCII.lf) {
            if lf > start {
                let before = buffer[lf - 1]
                if before == ASCII.lf || (before == ASCII.cr && lf - 2 >= start && buffer[lf - 2] == ASCII.lf)
                {
                    return lf + 1
                }
            }
            i = lf + 1
        }
        scanFrom = buffer.count
        return nil
    }

    /// Consumes body bytes; returns the request when complete, a failure, or nil for more input.
    /// On nil the caller puts `.body` back; on an event `finish` or `fail` has set the state.
    private mutating func advance(_ body: inout BodyState) -> Event? {
        while true {
            switch body.mode {
            case .fixed(let remaining):
                if remaining == 0 { return finish(&body) }
                let take = min(remaining, buffer.count - start)
                if take == 0 { return nil }
                body.collected.append(contentsOf: buffer[start..<(start + take)])
                start += take
                body.mode = .fixed(remaining: remaining - take)
            case .chunkSize:
                guard let lf = buffer[start...].firstIndex(of: ASCII.lf) else {
                    if buffer.count - start > Self.maxChunkLineLength {
                        return fail(.badRequest("chunk-size line too long", path: body.head.path))
                    }
                    return nil
                }
                guard lf - start <= Self.maxChunkLineLength, let line = Self.chunkSize(buffer[start..<lf])
                else {
                    return fail(.badRequest("malformed chunk-size line", path: body.head.path))
                }
                start = lf + 1
                body.extensionBytes += line.extensionLength
                if body.extensionBytes > maxChunkExtensionBytes {
                    return fail(
                        HTTPProtocolError(
                            status: 413, reason: "chunk extensions exceed \(maxChunkExtensionBytes) bytes",
                            path: body.head.path))
                }
                let size = line.size
                if size == 0 {
                    body.mode = .trailers(bytesSeen: 0)
                } else if size > maxBodySize - body.collected.count {
                    return fail(
                        HTTPProtocolError(
                            status: 413, reason: "chunked body exceeds \(maxBodySize) bytes",
                            path: body.head.path))
                } else {
                    body.mode = .chunkData(remaining: size)
                }
            case .chunkData(let remaining):
                let take = min(remaining, buffer.count - start)
                if take == 0 { return nil }
                body.collected.append(contentsOf: buffer[start..<(start + take)])
                start += take
                body.mode = remaining == take ? .chunkDataEnd : .chunkData(remaining: remaining - take)
            case .chunkDataEnd:
                guard start < buffer.count else { return nil }
                if buffer[start] == ASCII.lf {
                    return fail(
                        .badRequest(
                            "bare LF after chunk data; chunked framing needs CRLF", path: body.head.path))
                } else if buffer[start] == ASCII.cr {
                    guard start + 1 < buffer.count else { return nil }
                    guard buffer[start + 1] == ASCII.lf else {
                        return fail(.badRequest("chunk data not followed by CRLF", path: body.head.path))
                    }
                    start += 2
                } else {
                    return fail(.badRequest("chunk data longer than its size", path: body.head.path))
                }
                body.mode = .chunkSize
            case .trailers(let seen):
                guard let lf = buffer[start...].firstIndex(of: ASCII.lf) else {
                    if seen + buffer.count - start > maxHeaderSize {
                        return fail(HTTPProtocolError(status: 431, reason: "trailer section too large"))
                    }
                    return nil
                }
                let total = seen + lf + 1 - start
                if total > maxHeaderSize {
                    return fail(HTTPProtocolError(status: 431, reason: "trailer section too large"))
                }
                var line = buffer[start..<lf]
                start = lf + 1
                if line.last == ASCII.cr { line = line.dropLast() }
                if line.isEmpty { return finish(&body) }
                if line.contains(ASCII.cr) {
                    return fail(.badRequest("bare CR in trailer section", path: body.head.path))
                }
                switch HTTPHeadParser.parseField(line) {
                case .success(let field): body.trailers.add(field.name, field.value)
                case .failure(let error): return fail(.badRequest(error.reason, path: body.head.path))
                }
                body.mode = .trailers(bytesSeen: total)
            }
        }
    }

    private mutating func finish(_ body: inout BodyState) -> Event {
        let head = body.head
        var request = HTTPRequest(
            method: head.method, target: head.target, version: head.version, headers: head.headers,
            body: body.collected)
        request.trailers = body.trailers
        body.collected = []
        state = .head
        scanFrom = start
        return .request(request)
    }

    /// `chunk-size [ BWS ";" chunk-ext ] CRLF`, given up to its LF: hex digits, then
    /// extensions, which are accepted and ignored (RFC 9112 §7.1.1). `extensionLength` counts
    /// the bytes after the size digits.
    ///
    /// The line must end in CRLF. RFC 9112 §2.2 lets a recipient accept a bare LF only as the
    /// terminator of the start line and fields (which the head and trailer parsers do); §7.1's
    /// chunk grammar says CRLF, and parsers that disagree on a bare LF inside chunked framing
    /// are a known request-smuggling pair, so a bare LF here is a 400.
    static func chunkSize(_ line: ArraySlice<UInt8>) -> (size: Int, extensionLength: Int)? {
        guard line.last == ASCII.cr else { return nil }
        let line = line.dropLast()
        var size = 0
        var digits = 0
        var i = line.startIndex
        while i < line.endIndex, let v = ASCII.hexValue(line[i]) {
            digits += 1
            guard digits <= 15 else { return nil }
            size = size << 4 | v
            i += 1
        }
        guard digits > 0 else { return nil }
        while i < line.endIndex, line[i] == ASCII.space || line[i] == ASCII.tab { i += 1 }
        guard i == line.endIndex || line[i] == UInt8(ascii: ";") else { return nil }
        guard line[i...].allSatisfy(ASCII.isFieldValueByte) else { return nil }
        return (size, line.count - digits)
    }
}
