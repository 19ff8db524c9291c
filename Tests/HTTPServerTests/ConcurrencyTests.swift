import HTTPServer
import Testing

@Suite("Many clients", .timeLimit(.minutes(1)))
struct ConcurrencyTests {
    @Test func twoHundredKeepAliveClientsFiftyRequestsEach() async throws {
        let clients = 200
        let requestsEach = 50
        try await withServer(handler: echoHandler) { server in
            let port = server.port
            let answered = try await withThrowingTaskGroup(of: Int.self) { group in
                for c in 0..<clients {
                    group.addTask {
                        let client = try RawClient.connect(port: port)
                        return try await client.blocking {
                            var ok = 0
                            for r in 0..<requestsEach {
                                try client.sendNow(Array("GET /c\(c)/r\(r) HTTP/1.1\r\nHost: t\r\n\r\n".utf8))
                                if try client.readResponseNow().text == "GET /c\(c)/r\(r) 0:" { ok += 1 }
                            }
                            return ok
                        }
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(answered == clients * requestsEach)
        }
    }
}
