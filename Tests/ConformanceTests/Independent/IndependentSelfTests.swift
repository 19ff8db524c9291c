import Conformance
import Foundation
import JSONSchema
import SessionsAPI
import Testing

/// Direct checks of the independent server where the seeds speak, so its correctness does
/// not rest on the checker it is meant to test.
@Suite struct IndependentSelfTests {
    struct Client {
        let transport: URLSessionTransport
        let authorization: String

        func send(_ method: String, _ target: String, _ body: JSONValue? = nil) async throws -> (Int, [UInt8])
        {
            var headers = [WireHeader(name: "Authorization", value: authorization)]
            if body != nil { headers.append(WireHeader(name: "Content-Type", value: "application/json")) }
            let answer = try await transport.send(
                WireRequest(method: method, target: target, headers: headers, body: body?.serializedBytes()))
            return (answer.status, answer.body)
        }

        func json(_ method: String, _ target: String, _ body: JSONValue? = nil) async throws -> (
            Int, JSONValue
        ) {
            let (status, bytes) = try await send(method, target, body)
            return (status, (try? JSONValue.parse(bytes)) ?? .null)
        }
    }

    /// The events of one of our streams as (name, data), read by the WHATWG field rules.
    static func events(_ bytes: [UInt8]) -> [(String, JSONValue)] {
        let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        return text.components(separatedBy: "\n\n").compactMap { block in
            var name = "message"
            var data = ""
            for line in block.split(separator: "\n") where !line.hasPrefix(":") {
                if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
                if line.hasPrefix("data: ") { data += line.dropFirst(6) }
            }
            guard !data.isEmpty, let value = try? JSONValue.parse(data) else { return nil }
            return (name, value)
        }
    }

    static func withServer(_ body: (URL) async throws -> Void) async throws {
        let server = try await IndependentServer.start()
        do {
            try await body(server.baseURL)
            await server.stop()
        } catch {
            await server.stop()
            throw error
        }
    }

    @Test func cid222SummarizesPastTheLimitKeepsHistoryAndSumsUsage() async throws {
        try await Self.withServer { url in
            let token = try #require(IndependentConformanceTests.credentials().token)
            let client = Client(
                transport: URLSessionTransport(baseURL: url, timeout: 120), authorization: "Bearer \(token)")
            let (created, session) = try await client.json("POST", "/sessions", ["session_name": "self"])
            #expect(created == 200)
            let id = try #require(session["id"]?.stringValue)
            var sent: [String] = []
            var sum = 0
            var summarizedSeen = false
            for turn in 1...7 {
                let content =
                    "Turn \(turn). "
                    + String(repeating: "The quick brown fox jumps over the lazy dog. ", count: 8)
                sent.append(content)
                let (status, body) = try await client.send(
                    "POST", "/sessions/\(id)/messages",
                    ["content": .string(content), "model": "mock-small-512"])
                #expect(status == 200)
                let events = Self.events(body)
                #expect(events.last?.0 == "message_stop")
                let usage = try #require(events.first { $0.0 == "context_usage" }?.1)
                #expect((usage["context_tokens"]?.intValue ?? .max) <= 512)
                #expect(usage["context_limit"]?.intValue == 512)
                sum += usage["usage"]?["total_tokens"]?.intValue ?? 0
                #expect(usage["session_usage"]?["total_tokens"]?.intValue == sum)
                if usage["summarized"]?.boolValue == true {
                    summarizedSeen = true
                    #expect((usage["summarized_messages"]?.intValue ?? 0) >= 1)
                }
            }
            #expect(summarizedSeen)
            let (status, detail) = try await client.json("GET", "/sessions/\(id)")
            #expect(status == 200)
            let context = detail["context"]?.arrayValue ?? []
            #expect(context.count == 14)
            #expect(
                context.enumerated().filter { $0.offset % 2 == 0 }.map { $0.element["content"]?.stringValue }
                    == sent)
            #expect(detail["token_usage"]?["total_tokens"]?.intValue == sum)
        }
    }

    @Test func konnectPaginationDeletionAndPatchFollowTheSeed() async throws {
        try await Self.withServer { url in
            let transport = URLSessionTransport(baseURL: url, timeout: 120)
            let client = Client(transport: transport, authorization: "Bearer \(IndependentServer.apiKeys[0])")
            var ids: [String] = []
            for n in 1...3 {
                let (status, reply) = try await client.json(
                    "POST", "/v1/chat", ["message": .string("Hello \(n)")])
                #expect(status == 200)
                ids.append(reply["session_id"]?.stringValue ?? "")
            }
            let (_, first) = try await client.json("GET", "/v1/sessions?limit=2")
            #expect(first["data"]?.arrayValue?.count == 2)
            #expect(first["total"] == 3)
            #expect(first["has_more"] == true)
            #expect(first["data"]?[0]?["message_count"] == 2)
            let (_, last) = try await client.json("GET", "/v1/sessions?limit=2&offset=2")
            #expect(last["data"]?.arrayValue?.count == 1)
            #expect(last["has_more"] == false)
            let (clamped, big) = try await client.json("GET", "/v1/sessions?limit=500")
            #expect(clamped == 200 && big["data"]?.arrayValue?.count == 3)
            #expect(try await client.json("GET", "/v1/sessions?limit=0").0 == 422)
            let (_, before) = try await client.json("GET", "/v1/sessions/\(ids[0])")
            let (patched, after) = try await client.json(
                "PATCH", "/v1/sessions/\(ids[0])", ["title": "Renamed"])
            #expect(patched == 200 && after["title"] == "Renamed")
            let moved = (after["updated_at"]?.stringValue ?? "") > (before["updated_at"]?.stringValue ?? "~")
            #expect(moved)
            let (deleted, gone) = try await client.json("DELETE", "/v1/sessions/\(ids[1])")
            #expect(deleted == 200 && gone["deleted"] == true && gone["object"] == "session.deleted")
            let (_, remaining) = try await client.json("GET", "/v1/sessions")
            #expect(remaining["total"] == 2)
            #expect(remaining["data"]?.arrayValue?.contains { $0["id"]?.stringValue == ids[1] } == false)
            #expect(try await client.json("GET", "/v1/sessions/\(ids[1])").0 == 404)
            #expect(
                try await client.json("POST", "/v1/chat", ["message": "hi", "session_id": "sess_nope"]).0
                    == 404)
        }
    }
}
