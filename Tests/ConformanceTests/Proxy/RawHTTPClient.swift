import Foundation
import Glibc

/// One HTTP/1.1 request over a plain blocking socket, read until the server closes: the
/// bytes a client really receives, with the chunked framing undone.
enum RawHTTPClient {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    struct Response {
        var head: String
        /// The payloads of the chunks, in order (one element for a Content-Length body).
        var pieces: [[UInt8]]
        var body: [UInt8] { pieces.flatMap { $0 } }
    }

    static func send(port: Int, _ request: String) async throws -> Response {
        let raw: [UInt8] = try await withCheckedThrowingContinuation { continuation in
            // Blocking socket calls get their own thread, never the cooperative pool's.
            Thread.detachNewThread { continuation.resume(with: Result { try exchange(port: port, request) }) }
        }
        return try parse(raw)
    }

    private static func exchange(port: Int, _ request: String) throws -> [UInt8] {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Failure(description: "connect") }
        let bytes = Array(request.utf8)
        let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == bytes.count else { throw Failure(description: "send") }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        // Bounded: a response far larger than the tests' is a failure, not a hang.
        while received.count < 64 << 20 {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { return received }
            guard n > 0 else { throw Failure(description: "recv (timed out?)") }
            received += buffer[0..<n]
        }
        throw Failure(description: "response too large")
    }

    private static func parse(_ raw: [UInt8]) throws -> Response {
        guard let end = index(of: [13, 10, 13, 10], in: raw, from: 0) else {
            throw Failure(description: "no head")
        }
        let head = String(decoding: raw[0..<end], as: UTF8.self)
        let rest = Array(raw[(end + 4)...])
        guard head.lowercased().contains("transfer-encoding: chunked") else {
            return Response(head: head, pieces: [rest])
        }
        var pieces: [[UInt8]] = []
        var at = 0
        while at < rest.count {
            guard let lineEnd = index(of: [13, 10], in: rest, from: at),
                let size = Int(String(decoding: rest[at..<lineEnd], as: UTF8.self), radix: 16)
            else { throw Failure(description: "bad chunk size") }
            if size == 0 { return Response(head: head, pieces: pieces) }
            let start = lineEnd + 2
            guard start + size + 2 <= rest.count else { throw Failure(description: "short chunk") }
            pieces.append(Array(rest[start..<(start + size)]))
            at = start + size + 2
        }
        throw Failure(description: "no last chunk")
    }

    private static func index(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        return (start...(haystack.count - needle.count)).first {
            Array(haystack[$0..<($0 + needle.count)]) == needle
        }
    }
}
