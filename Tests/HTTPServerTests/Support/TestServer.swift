import HTTPServer
import Synchronization

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
/// when each part of a response is produced.
actor Gate {
    private var opened: Set<Int> = []
    private var waiters: [Int: [CheckedContinuation<Void, Never>]] = [:]

    func pass(_ number: Int) async {
        if opened.contains(number) { return }
        await withCheckedContinuation { waiters[number, default: []].append($0) }
    }

    func open(_ number: Int) {
        opened.insert(number)
        for waiter in waiters.removeValue(forKey: number) ?? [] { waiter.resume() }
    }
}

/// A flag set once from any task and awaited by the test.
final class Signal: Sendable {
    private let state = Mutex<(fired: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func fire() {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.fired = true
            defer { s.waiters = [] }
            return s.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    var isFired: Bool { state.withLock { $0.fired } }

    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let fired = state.withLock { s -> Bool in
                if !s.fired { s.waiters.append(continuation) }
                return s.fired
            }
            if fired { continuation.resume() }
        }
    }
}
