import Foundation
import HTTPServer
import SessionsAPI
import Testing

@testable import MockServer

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("CID222 over a real socket with URLSession")
struct CID222LiveTests {
    static func call(
        _ session: URLSession, _ base: URL, _ method: String, _ path: String, token: String, body: String?
    )
        async throws -> (Int, [String: String], Data)
    {
        var request = URLRequest(url: base.appendingPathComponent(path))
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(body.utf8)
        }
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        return (http.statusCode, headers, data)
    }

    @Test("CID-STREAM-DELTAS-JOIN: a stream read through URLSession joins into the stored assistant message")
    func liveStream() async throws {
        var options = CID222TestClient.defaultOptions()
        options.host = "127.0.0.1"
        let mock = try await MockServer.start(port: 0, options: options)
        let urlSession = URLSession(configuration: .ephemeral)
        do {
            let token = CID222TestClient.token()
            let (createStatus, _, created) = try await Self.call(
                urlSession, mock.baseURL, "POST", "sessions", token: token, body: #"{"session_name":"live"}"#)
            #expect(createStatus == 201)
            let session = try WireJSON.decode(CID222Session.self, from: Array(created))
            let (status, headers, streamed) = try await Self.call(
                urlSession, mock.baseURL, "POST", "sessions/\(session.id)/messages", token: token,
                body: #"{"content":"Hello over the wire, mail me at a@b.io","model":"gpt-4o"}"#)
            #expect(status == 200)
            #expect(headers["content-type"] == "text/event-stream")
            let collected = CollectedResponse(
                status: status, headers: [:], body: Array(streamed), writes: [Array(streamed)], streamed: true
            )
            #expect(collected.dataLines.last == "[DONE]")
            for payload in collected.dataLines.dropLast() { CID222SchemaCheck.checkEvent(payload) }
            let reply = try collected.replyText()
            let (_, _, detailData) = try await Self.call(
                urlSession, mock.baseURL, "GET", "sessions/\(session.id)", token: token, body: nil)
            CID222SchemaCheck.checkResponse(
                method: "GET", path: "/sessions/\(session.id)", status: 200, contentType: "application/json",
                body: Array(detailData))
            let detail = try WireJSON.decode(CID222SessionDetail.self, from: Array(detailData))
            #expect(detail.context.map(\.content) == ["Hello over the wire, mail me at [EMAIL]", reply])
        } catch {
            Issue.record("live test failed: \(error)")
        }
        urlSession.invalidateAndCancel()
        await mock.stop()
    }
}
