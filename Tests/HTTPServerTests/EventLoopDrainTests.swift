import Testing

@testable import HTTPServer

#if canImport(Glibc)
    import Glibc
#endif

/// The loop's drain rules, on a socket pair, without a server.
@Suite("Event loop draining", .timeLimit(.minutes(1)))
struct EventLoopDrainTests {
    private static func socketPair() throws -> (Int32, Int32) {
        var fds: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0 else {
            throw ClientError(description: "socketpair failed: errno \(errno)")
        }
        SystemCalls.setNonBlocking(fds[0])
        SystemCalls.setNonBlocking(fds[1])
        return (fds[0], fds[1])
    }

    /// A connection that read its request just as shutdown began was idle at that moment; once
    /// it is active its response is in flight and must be allowed to finish.
    @Test func aConnectionThatBecameActiveAfterDrainCanStillWait() async throws {
        let loop = try EventLoop(name: "drain-test", sweepInterval: 1)
        loop.start()
        let (server, client) = try Self.socketPair()
        defer {
            loop.stop()
            close(server)
            close(client)
        }
        let registration = try loop.register(server, phase: .idle)
        loop.beginDraining()
        loop.update(registration, phase: .active, deadline: .max)
        try await loop.wait(.write, registration)
        _ = write(client, "x", 1)
        try await loop.wait(.read, registration)
        loop.deregister(registration)
    }

    @Test func anIdleConnectionStopsWaitingWhenDrainBegins() async throws {
        let loop = try EventLoop(name: "drain-test", sweepInterval: 1)
        loop.start()
        let (server, client) = try Self.socketPair()
        defer {
            loop.stop()
            close(server)
            close(client)
        }
        let registration = try loop.register(server, phase: .idle)
        loop.beginDraining()
        await #expect(throws: IOWaitError.shuttingDown) { try await loop.wait(.read, registration) }
        loop.deregister(registration)
    }
}
