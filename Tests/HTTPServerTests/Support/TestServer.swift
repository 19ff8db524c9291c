import HTTPServer
import Locking

/// Starts a server on 127.0.0.1 port 0, runs `body`, and always shuts it down.
func withServer<T: Sendable>(
    configure: (inout HTTPServerConfiguration) -> Void = { _ in },
    handler: @escaping HTTPHandler,
    _ body: (HTTPServer) async throws -> T
) async throws -> T {
    var configuration = HTTPServerConfiguration()
    configuration.host = "127.0.0.1"
    configuration.port = 0
    configure(&configuration)
    let server = HTTPServer(configuration: configuration, handler: handler)
    try await server.start()
    do {
        let result = try await body(server)
        await server.shutdown()
        return result
    } catch {
        await server.shutdown()
        throw error
    }
}

/// A handler that echoes the method, path and body.
let echoHandler: HTTPHandler = { request in
    HTTPResponse(
        status: 200, headers: ["Content-Type": "text/plain"],
        body: .bytes(Array("\(request.method) \(request.target) \(request.body.count):".utf8) + request.body))
}

/// Numbered gates a handler waits at until the test opens them, so a test controls exactly
/// when each part of a response is produced. A cancelled waiter is released at once.
final class Gate: Sendable {
    private struct State {
        var opened: Set<Int> = []
        var nextID = 0
        var waiters: [Int: (gate: Int, continuation: CheckedContinuation<Void, Never>)] = [:]
    }

    private let state = Locked(State())

    func pass(_ number: Int) async {
        let id = state.withLock { s -> Int in
            defer { s.nextID += 1 }
            return s.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let proceed = state.withLock { s -> Bool in
                    if s.opened.contains(number) || Task.isCancelled { return true }
                    s.waiters[id] = (number, continuation)
                    return false
                }
                if proceed { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.continuation.resume()
        }
    }

    func open(_ number: Int) {
        let released = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.opened.insert(number)
            let matching = s.waiters.filter { $0.value.gate == number }
            for key in matching.keys { s.waiters.removeValue(forKey: key) }
            return matching.values.map(\.continuation)
        }
        for continuation in released { continuation.resume() }
    }
}
