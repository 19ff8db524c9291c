import Dispatch
import Foundation
import Locking

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct ClientError: Error, CustomStringConvertible {
    var description: String
}

/// A response as a raw client saw it.
struct RawResponse {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A blocking TCP client for tests. Its socket calls run on its own serial dispatch queue (a
/// thread of its own), never on the cooperative pool the server needs; a receive timeout
/// turns any hang into a failure.
final class RawClient: Sendable {
    let fd: Int32
    private let queue: DispatchQueue
    private let pending = Locked<[UInt8]>([])

    private init(fd: Int32) {
        self.fd = fd
        queue = DispatchQueue(label: "raw-client-\(fd)")
    }

    deinit { close(fd) }

    static func connect(port: Int, timeoutSeconds: Int = 60) throws -> RawClient {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw ClientError(description: "socket failed") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw ClientError(description: "connect failed: errno \(errno)")
        }
        return RawClient(fd: fd)
    }

    /// Runs blocking work on this client's own thread.
    func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }

    func send(_ text: String) async throws {
        try await send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) async throws {
        try await blocking { try self.sendNow(bytes) }
    }

    func sendNow(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            guard n > 0 else { throw ClientError(description: "send failed: errno \(errno)") }
            offset += n
        }
    }

    /// Makes closing the socket send a reset (RST) rather than a FIN: a client that aborts.
    func resetOnClose() {
        var option = linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
    }

    func shutdownWrite() {
        _ = shutdown(fd, Int32(SHUT_WR))
    }

    /// Reads more bytes into the pending buffer; returns false at end of file.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n == 0 { return false }
        guard n > 0 else { throw ClientError(description: "recv failed: errno \(errno)") }
        pending.withLock { $0.append(contentsOf: chunk[0..<n]) }
        return true
    }

    private func take(_ count: Int) -> [UInt8] {
        pending.withLock { buffer in
            let out = Array(buffer[0..<count])
            buffer.removeFirst(count)
            return out
        }
    }

    private func firstIndex(of marker: [UInt8]) -> Int? {
        pending.withLock { buffer in
            guard buffer.count >= marker.count else { return nil }
            for i in 0...(buffer.count - marker.count)
            where buffer[i..<(i + marker.count)].elementsEqual(marker) {
                return i
            }
            return nil
        }
    }

    private func readUntilNow(_ marker: [UInt8]) throws -> [UInt8] {
        while true {
            if let i = firstIndex(of: marker) { return take(i + marker.count) }
            guard try fill() else { throw ClientError(description: "end of file before marker") }
        }
    }

    private func readExactlyNow(_ count: Int) throws -> [UInt8] {
        while pending.withLock({ $0.count }) < count {
            guard try fill() else { throw ClientError(description: "end of file after partial body") }
        }
        return take(count)
    }

    /// Bytes up to and including `marker`.
    func read(until marker: String) async throws -> String {
        try await blocking { String(decoding: try self.readUntilNow(Array(marker.utf8)), as: UTF8.self) }
    }

    /// True when the server closed the connection (end of file with nothing pending).
    func readsEndOfFile() async throws -> Bool {
        try await blocking {
            if self.pending.withLock({ !$0.isEmpty }) { return false }
            return try !self.fill()
        }
    }

    /// Everything until the server closes.
    func readToEnd() async throws -> [UInt8] {
        try await blocking {
            while try self.fill() {}
            return self.take(self.pending.withLock { $0.count })
        }
    }

    /// One response, framed by its headers. `bodyless` for HEAD requests.
    func readResponse(bodyless: Bool = false) async throws -> RawResponse {
        try await blocking { try self.readResponseNow(bodyless: bodyless) }
    }

    func readResponseNow(bodyless: Bool = false) throws -> RawResponse {
        let head = String(decoding: try readUntilNow(Array("\r\n\r\n".utf8)), as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        guard !lines.isEmpty else { throw ClientError(description: "empty head") }
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw ClientError(description: "bad status line")
        }
        let headers = lines.compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (
                String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            )
        }
        var response = RawResponse(status: status, headers: headers, body: [])
        if bodyless || (100..<200).contains(status) || status == 204 || status == 304 { return response }
        if let length = response.header("Content-Length").flatMap(Int.init) {
            response.body = try readExactlyNow(length)
        } else if response.header("Transfer-Encoding")?.lowercased() == "chunked" {
            while true {
                let sizeLine = String(decoding: try readUntilNow(Array("\r\n".utf8)), as: UTF8.self)
                guard let size = Int(sizeLine.trimmingCharacters(in: .whitespacesAndNewlines), radix: 16)
                else {
                    throw ClientError(description: "bad chunk size '\(sizeLine)'")
                }
                if size == 0 {
                    _ = try readUntilNow(Array("\r\n".utf8))
                    break
                }
                response.body += try readExactlyNow(size)
                _ = try readExactlyNow(2)
            }
        } else {
            while try fill() {}
            response.body = take(pending.withLock { $0.count })
        }
        return response
    }
}
