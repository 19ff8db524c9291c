import Foundation
import HTTPServer
import SessionsAPI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Sends one request on a connected socket and reads the answer per RFC 9112: the head,
/// then a body framed by `Content-Length`, by chunks (each chunk's data handed on as it
/// arrives, so a stream stays a stream) or by the connection's close.
struct PlainReader {
    enum Outcome {
        /// The answer ended where its framing said: the connection can carry another.
        case reusable
        /// The answer ended (or failed) and the connection must be closed.
        case closed
        /// Nothing came back at all: a kept-alive connection the target had already closed.
        case staleConnection
    }

    static let largestHead = 64 * 1024
    static let gatheredBody = 1 << 20

    let fd: Int32
    let exchange: PlainExchange
    private var buffer: [UInt8] = []
    private var start = 0

    init(fd: Int32, exchange: PlainExchange) {
        self.fd = fd
        self.exchange = exchange
    }

    mutating func exchange(_ request: [UInt8], head continuation: CheckedContinuation<PlainHead, any Error>)
        -> Outcome
    {
        guard sendAll(request) else { return .staleConnection }
        var headEnd: Int?
        while headEnd == nil {
            guard buffer.count < Self.largestHead, read() else {
                if buffer.isEmpty { return .staleConnection }
                return fail(continuation, "the target's answer ended inside its head")
            }
            headEnd = find([13, 10, 13, 10])
        }
        guard let end = headEnd, let head = Self.parseHead(buffer[0..<end]) else {
            return fail(continuation, "the target's answer head is malformed")
        }
        start = end + 4
        let fields = head.headers
        func value(_ name: String) -> String? { fields.first { $0.name.lowercased() == name }?.value }
        let length = value("content-length").flatMap { Int($0.asciiTrimmed) }
        let isStream = value("content-type")?.lowercased().hasPrefix("text/event-stream") == true
        if let length, !isStream, !exchange.noBody, length <= Self.gatheredBody {
            // A body of known, modest length is relayed whole anyway: gathering it here hands
            // head and body over in one step.
            return readWhole(length, head: head, continuation)
        }
        continuation.resume(returning: head)
        let closes = value("connection")?.lowercased().contains("close") == true
        let outcome: Outcome
        if exchange.noBody || head.status == 204 || head.status == 304 || (100..<200).contains(head.status) {
            outcome = .reusable
        } else if value("transfer-encoding")?.lowercased().contains("chunked") == true {
            outcome = readChunked()
        } else if let length = value("content-length").flatMap({
            Int($0.asciiTrimmed)
        }) {
            outcome = readLength(length)
        } else {
            outcome = readUntilClose()
        }
        if outcome == .reusable { exchange.finish() }
        return closes && outcome == .reusable ? .closed : outcome
    }

    private func fail(_ continuation: CheckedContinuation<PlainHead, any Error>, _ why: String) -> Outcome {
        let error = TransportError.broken(why)
        continuation.resume(throwing: error)
        exchange.finish(throwing: error)
        return .closed
    }

    private mutating func readWhole(
        _ length: Int, head: PlainHead, _ continuation: CheckedContinuation<PlainHead, any Error>
    ) -> Outcome {
        while buffer.count - start < length {
            guard read() else { return fail(continuation, "the body ended before its Content-Length") }
        }
        continuation.resume(returning: head)
        if length > 0 { exchange.yield(Array(buffer[start..<(start + length)])) }
        start += length
        exchange.finish()
        let closes = head.headers.contains {
            HTTPHeaders.sameName($0.name, "connection") && $0.value.lowercased().contains("close")
        }
        return closes ? .closed : .reusable
    }

    private mutating func readLength(_ length: Int) -> Outcome {
        var remaining = length
        while remaining > 0 {
            if start >= buffer.count {
                guard read() else { return broken("the body ended before its Content-Length") }
            }
            let piece = min(remaining, buffer.count - start)
            exchange.yield(Array(buffer[start..<(start + piece)]))
            start += piece
            remaining -= piece
        }
        return .reusable
    }

    private mutating func readChunked() -> Outcome {
        while true {
            guard let line = readLine(), let size = Int(line.split(separator: ";").first ?? "", radix: 16),
                size >= 0
            else { return broken("a chunk size line is malformed") }
            if size == 0 {
                // Trailer fields end with an empty line.
                while let trailer = readLine() {
                    if trailer.isEmpty { return .reusable }
                }
                return broken("the body ended inside its trailers")
            }
            var remaining = size
            while remaining > 0 {
                if start >= buffer.count {
                    guard read() else { return broken("the body ended inside a chunk") }
                }
                let piece = min(remaining, buffer.count - start)
                exchange.yield(Array(buffer[start..<(start + piece)]))
                start += piece
                remaining -= piece
            }
            guard readLine() == "" else { return broken("a chunk is not followed by CRLF") }
        }
    }

    private mutating func readUntilClose() -> Outcome {
        if start < buffer.count { exchange.yield(Array(buffer[start...])) }
        start = buffer.count
        while read() {
            exchange.yield(Array(buffer[start...]))
            start = buffer.count
        }
        exchange.finish()
        return .closed
    }

    private func broken(_ why: String) -> Outcome {
        exchange.finish(throwing: TransportError.broken(why))
        return .closed
    }

    /// The next CRLF-ended line of the body's framing, without its CRLF.
    private mutating func readLine() -> String? {
        while true {
            if let end = find([13, 10]) {
                let line = String(decoding: buffer[start..<end], as: UTF8.self)
                start = end + 2
                return line
            }
            guard buffer.count - start < 4096, read() else { return nil }
        }
    }

    /// Appends what the socket has (dropping consumed bytes first); false at close, error
    /// or cancel.
    private mutating func read() -> Bool {
        if exchange.isCancelled { return false }
        if start > 0, start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer += chunk[0..<count]
        return true
    }

    private func sendAll(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes {
                send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }

    private func find(_ needle: [UInt8]) -> Int? {
        guard buffer.count - start >= needle.count else { return nil }
        var index = start
        while index <= buffer.count - needle.count {
            if buffer[index] == needle[0], Array(buffer[index..<(index + needle.count)]) == needle {
                return index
            }
            index += 1
        }
        return nil
    }

    /// The status line and fields of a head (without its final CRLFCRLF), scanned as bytes.
    static func parseHead(_ bytes: ArraySlice<UInt8>) -> PlainHead? {
        var lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map { line in
            line.last == 13 ? line.dropLast() : line
        }
        guard !lines.isEmpty else { return nil }
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: 0x20, maxSplits: 2)
        guard parts.count >= 2, parts[0].starts(with: Array("HTTP/1.".utf8)),
            let code = Int(String(decoding: parts[1], as: UTF8.self))
        else { return nil }
        var headers: [WireHeader] = []
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).asciiTrimmed
            headers.append(WireHeader(name: name, value: value))
        }
        return PlainHead(status: code, headers: headers)
    }
}
