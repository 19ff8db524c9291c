import Foundation
import Locking
import Testing

@testable import HTTPServer

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Collects streamed data as URLSession delivers it and lets the test await each piece.
private final class StreamCollector: NSObject, URLSessionDataDelegate, Sendable {
    private let state = Locked<(text: String, waiters: [(String, CheckedContinuation<Void, Never>)])>(
        ("", []))
    let completed = AsyncSignal()

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let ready = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.text += String(decoding: data, as: UTF8.self)
            let text = s.text
            let (met, waiting) = (
                s.waiters.filter { text.contains($0.0) }, s.waiters.filter { !text.contains($0.0) }
            )
            s.waiters = waiting
            return met.map(\.1)
        }
        for continuation in ready { continuation.resume() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        completed.fire()
    }

    /// Returns once the received text contains `marker`.
    func wait(for marker: String) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let present = state.withLock { s -> Bool in
                if s.text.contains(marker) { return true }
                s.waiters.append((marker, continuation))
                return false
            }
            if present { continuation.resume() }
        }
    }

    var text: String { state.withLock { $0.text } }
}

private let curlPath = ["/usr/bin/curl", "/usr/local/bin/curl", "/bin/curl"].first {
    FileManager.default.isExecutableFile(atPath: $0)
}

@Suite("Real clients", .timeLimit(.minutes(1)))
struct RealClientTests {
    @Test func urlSessionPlainRequest() async throws {
        try await withServer(handler: echoHandler) { server in
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)/plain?x=1")!)
            request.httpMethod = "POST"
            request.httpBody = Data("payload".utf8)
            let (data, response) = try await URLSession.shared.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            #expect(String(decoding: data, as: UTF8.self) == "POST /plain?x=1 7:payload")
        }
    }

    @Test func urlSessionDelegateSeesStreamedEventsOneByOne() async throws {
        let gate = Gate()
        let handler: HTTPHandler = { _ in
            HTTPResponse(
                status: 200, headers: ["Content-Type": "text/event-stream"],
                body: .stream { writer in
                    try await writer.write("data: one\n\n")
                    await gate.pass(1)
                    try await writer.write("data: two\n\n")
                    await gate.pass(2)
                    try await writer.write("data: three\n\n")
                })
        }
        try await withServer(handler: handler) { server in
            let collector = StreamCollector()
            let session = URLSession(configuration: .ephemeral, delegate: collector, delegateQueue: nil)
            let task = session.dataTask(with: URL(string: "http://127.0.0.1:\(server.port)/events")!)
            task.resume()
            await collector.wait(for: "data: one\n\n")
            #expect(!collector.text.contains("two"))
            gate.open(1)
            await collector.wait(for: "data: two\n\n")
            #expect(!collector.text.contains("three"))
            gate.open(2)
            await collector.completed.wait()
            #expect(collector.text == "data: one\n\ndata: two\n\ndata: three\n\n")
            session.finishTasksAndInvalidate()
        }
    }

    @Test(.enabled(if: curlPath != nil, "curl is not installed"))
    func curlRequestWithChunkedUpload() async throws {
        try await withServer(handler: echoHandler) { server in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: curlPath ?? "/usr/bin/curl")
            process.arguments = [
                "-sS", "--max-time", "10", "-H", "Transfer-Encoding: chunked", "--data-binary", "hello curl",
                "http://127.0.0.1:\(server.port)/curl",
            ]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let client = try RawClient.connect(port: server.port)
            let output = try await client.blocking {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                return String(decoding: data, as: UTF8.self)
            }
            #expect(process.terminationStatus == 0)
            #expect(output == "POST /curl 10:hello curl")
        }
    }
}
