import HTTPServer
import Testing

@Suite("Server lifecycle", .timeLimit(.minutes(1)))
struct LifecycleTests {
    /// A shutdown that arrives while `start` is still binding (a signal at startup, say) must
    /// still stop the server and return, whichever of the two wins the race.
    @Test func shutdownDuringStartStillStops() async throws {
        for _ in 0..<40 {
            var configuration = HTTPServerConfiguration()
            configuration.port = 0
            configuration.eventLoopCount = 1
            let server = HTTPServer(configuration: configuration, handler: echoHandler)
            async let started: Void = server.start()
            async let stopped: Void = server.shutdown()
            // When shutdown wins outright, start refuses to run; both outcomes are fine.
            try? await started
            await stopped
            await server.waitUntilStopped()
            let port = server.port
            if port > 0 {
                #expect(throws: ClientError.self) { try RawClient.connect(port: port) }
            }
        }
    }
}
