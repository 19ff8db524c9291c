import Foundation
import Glibc
import MockServer
import SessionsAPI
import Testing

@Suite struct ReplayLiveTests {
    private static let stream = ReplayFixture.transcript(
        "stream", api: "cid222",
        [
            ReplayFixture.exchange(
                step: "send", method: "POST", target: "/sessions/s1/messages",
                requestBody: #"{"content":"hi"}"#,
                status: 200,
                responseHeaders:
                    #"[{"name":"Content-Type","value":"text/event-stream"},{"name":"Cache-Control","value":"no-cache"}]"#,
                chunks: [
                    "data: {\"type\":\"content_block_delta\"}\n\n", "data: {\"type\":\"message_stop\"}\n\n",
                    "data: [DONE]\n\n",
                ])
        ])

    @Test func replayedStreamsKeepTheRecordedChunkBoundariesOnTheWire() async throws {
        let directory = try ReplayFixture.temporaryDirectory(files: ["cid222/stream.json": Self.stream])
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = MockOptions()
        options.replay = ReplaySettings(path: directory.path)
        let mock = try await MockServer.start(port: 0, options: options)
        let body = #"{"content":"hi"}"#
        let sent = await Result(catching: {
            try await RawExchange.send(
                port: mock.baseURL.port ?? 0,
                "POST /sessions/s1/messages HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
        })
        await mock.stop()
        let raw = try sent.get()
        let text = String(decoding: raw, as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 200"))
        #expect(text.lowercased().contains("transfer-encoding: chunked"))
        #expect(text.contains("Cache-Control: no-cache"))
        let chunks = try #require(RawExchange.chunks(of: raw))
        #expect(
            chunks == [
                "data: {\"type\":\"content_block_delta\"}\n\n", "data: {\"type\":\"message_stop\"}\n\n",
                "data: [DONE]\n\n",
            ])
    }

    @Test func startRefusesAnUnusableReplayDirectory() async throws {
        var options = MockOptions()
        options.replay = ReplaySettings(path: "/nonexistent/replay")
        await #expect(throws: TranscriptReadError.notFound("/nonexistent/replay")) {
            _ = try await MockServer.start(port: 0, options: options)
        }
    }
}

/// One request over a plain socket, read to the end: what a client really receives.
extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}

enum RawExchange {
    struct Failure: Error {
        var what: String
    }

    static func send(port: Int, _ request: String) async throws -> [UInt8] {
        try await withCheckedThrowingContinuation { continuation in
            // Blocking socket calls run on their own thread, never on the cooperative pool.
            Thread.detachNewThread {
                continuation.resume(with: Result { try sendBlocking(port: port, request) })
            }
        }
    }

    private static func sendBlocking(port: Int, _ request: String) throws -> [UInt8] {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(what: "socket") }
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
        guard connected == 0 else { throw Failure(what: "connect") }
        let bytes = Array(request.utf8)
        guard
            bytes.withUnsafeBytes({ Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) })
                == bytes.count
        else { throw Failure(what: "send") }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { return received }
            guard n > 0 else { throw Failure(what: "recv (timed out?)") }
            received += buffer[0..<n]
        }
    }

    /// The payloads of a chunked body, in order; nil when the framing is broken.
    static func chunks(of response: [UInt8]) -> [String]? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard
            let headEnd = (0...(response.count - 4)).first(where: {
                Array(response[$0..<$0 + 4]) == separator
            })
        else { return nil }
        var index = headEnd + 4
        var result: [String] = []
        while index < response.count {
            guard
                let lineEnd = (index..<(response.count - 1)).first(where: {
                    response[$0] == 13 && response[$0 + 1] == 10
                }),
                let size = Int(String(decoding: response[index..<lineEnd], as: UTF8.self), radix: 16)
            else { return nil }
            if size == 0 { return result }
            let start = lineEnd + 2
            guard start + size + 2 <= response.count else { return nil }
            result.append(String(decoding: response[start..<start + size], as: UTF8.self))
            index = start + size + 2
        }
        return nil
    }
}
