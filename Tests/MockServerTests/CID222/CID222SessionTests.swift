import Foundation
import HTTPServer
import SessionsAPI
import Testing

@testable import MockServer

@Suite("CID222 sessions: create, list, get, delete")
struct CID222SessionTests {
    let client = CID222TestClient()

    @Test(
        "CID-CREATE-ECHO-USER-ID CID-CREATE-STATUS-201 CID-CREATE-RESPONSE-SHAPE CID-CREATE-ID-UUID CID-CREATE-TENANT-ID CID-CREATE-TIMESTAMPS CID-CREATE-ECHO-FIELDS: create answers 201 with a v4 UUID, the tenant from the JWT, equal timestamps and zero usage"
    )
    func create() async throws {
        let response = await client.request(
            "POST", "/sessions", body: #"{"session_name":"Support chat","user_id":"user-123"}"#)
        #expect(response.status == 201)
        #expect(response.headers["Content-Type"] == "application/json")
        let session = try response.decode(CID222Session.self)
        #expect(session.sessionName == "Support chat")
        #expect(session.userID == "user-123")
        #expect(session.tenantID == "tenant-a")
        #expect(session.createdAt == "2026-01-15T10:30:00Z")
        #expect(session.updatedAt == session.createdAt)
        #expect(session.tokenUsage == CID222TokenUsage(totalTokens: 0, totalCost: 0))
        let uuid = try #require(UUID(uuidString: session.id))
        #expect(session.id == uuid.uuidString.lowercased())
        #expect(Array(session.id)[14] == "4")
        #expect(response.text.contains(#""token_usage":{"total_cost":0,"total_tokens":0}"#))
    }

    @Test(
        "CID-CREATE-FIELDS-OPTIONAL CID-CREATE-ABSENT-NULL CID-CREATE-UNKNOWN-FIELDS-IGNORED: create with an empty body, {} or nulls gives null session_name and user_id"
    )
    func createEmpty() async throws {
        for body in [nil, "{}", #"{"session_name":null,"user_id":null,"extra":[1,2]}"#] {
            let response = await client.request("POST", "/sessions", body: body)
            #expect(response.status == 201, "\(body ?? "no body")")
            #expect(response.text.contains(#""session_name":null"#))
            #expect(response.text.contains(#""user_id":null"#))
        }
    }

    @Test(
        "CID-VALIDATION-CREATE-TYPES CID-ERROR-REJECTED-NO-CHANGE: create with a non-string session_name or user_id answers 400 naming the field"
    )
    func createBadTypes() async throws {
        for (body, field) in [
            (#"{"session_name":5}"#, "session_name"), (#"{"user_id":true}"#, "user_id"),
            (#"{"session_name":["a"]}"#, "session_name"), (#"{"user_id":{"a":1}}"#, "user_id"),
        ] {
            let response = await client.request("POST", "/sessions", body: body)
            #expect(response.status == 400)
            #expect(response.error?.details?["field"] == field)
            #expect(response.error?.message.contains(field) == true)
        }
        let list = await client.request("GET", "/sessions")
        #expect(list.text == "[]")
    }

    @Test(
        "CID-LIST-SHAPE CID-LIST-ORDER CID-LIST-TENANT-SCOPE: list is a bare array of the tenant's sessions, most recent first, without context"
    )
    func listOrder() async throws {
        let first = try await client.createSession(#"{"session_name":"one"}"#)
        let second = try await client.createSession(#"{"session_name":"two"}"#)
        let third = try await client.createSession(#"{"session_name":"three"}"#)
        _ = try await client.createSession(token: CID222TestClient.token(tenant: "tenant-b"))
        let response = await client.request("GET", "/sessions")
        #expect(response.status == 200)
        #expect(response.text.hasPrefix("["))
        #expect(!response.text.contains("context"))
        let sessions = try response.decode([CID222Session].self)
        #expect(sessions.map(\.id) == [third.id, second.id, first.id])
        #expect(sessions.allSatisfy { $0.tenantID == "tenant-a" })
    }

    @Test("CID-LIST-ORDER-TIE: list breaks created_at ties by latest insertion first")
    func listTies() async throws {
        var options = CID222TestClient.defaultOptions()
        options.clock = ClockSpec(start: 1_768_473_000, tick: 0)
        let frozen = CID222TestClient(options: options)
        let a = try await frozen.createSession()
        let b = try await frozen.createSession()
        let c = try await frozen.createSession()
        let sessions = try await frozen.request("GET", "/sessions").decode([CID222Session].self)
        #expect(sessions.map(\.id) == [c.id, b.id, a.id])
    }

    @Test(
        "CID-GET-SHAPE CID-GET-TENANT-ID CID-CREATE-EMPTY-SESSION: get returns the session with an empty context before any message"
    )
    func getEmpty() async throws {
        let session = try await client.createSession(#"{"session_name":"x"}"#)
        let response = await client.request("GET", "/sessions/\(session.id)")
        #expect(response.status == 200)
        let detail = try response.decode(CID222SessionDetail.self)
        #expect(detail.session == session)
        #expect(detail.context.isEmpty)
    }

    @Test(
        "CID-GET-NOT-FOUND-404 CID-AUTH-OTHER-TENANT-404 CID-ERROR-ENVELOPE: get of an unknown, malformed or another tenant's id answers 404 in the CID222 envelope"
    )
    func getNotFound() async throws {
        let session = try await client.createSession()
        let other = CID222TestClient.token(tenant: "tenant-b")
        for (path, token) in [
            ("/sessions/6f1c2e7a-9b3d-4f5a-8c21-0d9a1b2c3d4e", CID222TestClient.token()),
            ("/sessions/not-a-uuid", CID222TestClient.token()),
            ("/sessions/%00%FF", CID222TestClient.token()),
            ("/sessions/\(session.id)", other),
        ] {
            let response = await client.request("GET", path, token: token)
            #expect(response.status == 404, "\(path)")
            #expect(
                response.error
                    == CID222ErrorBody(statusCode: 404, message: "Session not found", error: "Not Found"))
        }
    }

    @Test(
        "CID-DELETE-STATUS-204 CID-DELETE-THEN-404 CID-DELETE-UNLISTED CID-DELETE-REMOVES: delete answers 204 with no body; afterwards get, delete and messages answer 404"
    )
    func delete() async throws {
        let session = try await client.createSession()
        let kept = try await client.createSession()
        let response = await client.request("DELETE", "/sessions/\(session.id)")
        #expect(response.status == 204)
        #expect(response.body.isEmpty)
        #expect(await client.request("GET", "/sessions/\(session.id)").status == 404)
        #expect(await client.request("DELETE", "/sessions/\(session.id)").status == 404)
        let send = await client.send(session.id, content: "hello")
        #expect(send.status == 404)
        #expect(!send.streamed)
        let list = try await client.request("GET", "/sessions").decode([CID222Session].self)
        #expect(list.map(\.id) == [kept.id])
    }

    @Test(
        "CID-AUTH-OTHER-TENANT-404 CID-AUTH-OTHER-TENANT-HIDDEN: another tenant cannot delete a session: 404, and it survives"
    )
    func deleteOtherTenant() async throws {
        let session = try await client.createSession()
        let response = await client.request(
            "DELETE", "/sessions/\(session.id)", token: CID222TestClient.token(tenant: "tenant-b"))
        #expect(response.status == 404)
        #expect(await client.request("GET", "/sessions/\(session.id)").status == 200)
    }

    @Test("namespaces keep sessions apart")
    func namespaces() async throws {
        var one = client
        one.namespace = "one"
        var two = client
        two.namespace = "two"
        let session = try await one.createSession()
        #expect(await two.request("GET", "/sessions/\(session.id)").status == 404)
        #expect(try await two.request("GET", "/sessions").decode([CID222Session].self).isEmpty)
        #expect(try await one.request("GET", "/sessions").decode([CID222Session].self).count == 1)
    }

    @Test("CID-ERROR-METHOD-405: wrong methods answer 405 with Allow in the CID222 envelope")
    func methodNotAllowed() async throws {
        let response = await client.request("PUT", "/sessions")
        #expect(response.status == 405)
        #expect(response.headers["Allow"]?.contains("POST") == true)
        #expect(response.error?.statusCode == 405)
    }

    @Test("same seed and clock give the same ids and bytes")
    func deterministic() async throws {
        let a = CID222TestClient()
        let b = CID222TestClient()
        for _ in 0..<3 {
            let x = await a.request("POST", "/sessions", body: #"{"session_name":"s"}"#)
            let y = await b.request("POST", "/sessions", body: #"{"session_name":"s"}"#)
            #expect(x.body == y.body)
        }
    }
}
