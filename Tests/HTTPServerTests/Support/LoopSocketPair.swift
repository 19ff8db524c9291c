@testable import HTTPServer

#if canImport(Glibc)
    import Glibc
#endif

/// A started event loop with one end of a socket pair registered on it (as an active
/// connection) and the other end left to the test as the client. `close()` undoes all of it.
struct LoopSocketPair {
    let loop: EventLoop
    let server: Int32
    let client: Int32
    let registration: Registration

    /// The sweep interval is 1 s, the longest the loop allows: a test that sees a wait end
    /// sooner knows the sweep did not end it.
    init(name: String) throws {
        var fds: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0 else {
            throw ClientError(description: "socketpair failed: errno \(errno)")
        }
        SystemCalls.setNonBlocking(fds[0])
        SystemCalls.setNonBlocking(fds[1])
        loop = try EventLoop(name: name, sweepInterval: 1)
        loop.start()
        server = fds[0]
        client = fds[1]
        registration = try loop.register(server, phase: .active)
    }

    func close() {
        loop.deregister(registration)
        loop.stop()
        Glibc.close(server)
        Glibc.close(client)
    }
}
