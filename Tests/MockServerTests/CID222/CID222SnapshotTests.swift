import SessionsAPI
import Testing

@testable import MockServer

@Suite("CID222 store: reset and snapshots")
struct CID222SnapshotTests {
    @Test("export → reset → import gives identical answers")
    func roundTrip() async throws {
        let client = CID222TestClient()
        var other = client
        other.namespace = "other"
        let a = try await client.createSession(#"{"session_name":"a","user_id":"u1"}"#)
        _ = await client.send(a.id, content: "hello there", model: "mock-tiny-128")
        _ = await client.send(a.id, content: CID222ContextTests.text(tokens: 100), model: "mock-tiny-128")
        let b = try await other.createSession()
        _ = await other.send(b.id, content: "other namespace")
        let before = [
            await client.request("GET", "/sessions").body,
            await client.request("GET", "/sessions/\(a.id)").body,
            await other.request("GET", "/sessions/\(b.id)").body,
        ]
        let snapshot = client.environment.cid222.exportSnapshot()
        let encoded = WireJSON.encode(snapshot)
        client.environment.cid222.reset(namespace: nil)
        #expect(await client.request("GET", "/sessions/\(a.id)").status == 404)
        #expect(await other.request("GET", "/sessions/\(b.id)").status == 404)
        client.environment.cid222.importSnapshot(try WireJSON.decode(CID222Snapshot.self, from: encoded))
        let after = [
            await client.request("GET", "/sessions").body,
            await client.request("GET", "/sessions/\(a.id)").body,
            await other.request("GET", "/sessions/\(b.id)").body,
        ]
        #expect(before == after)
        #expect(client.environment.cid222.exportSnapshot() == snapshot)
        let record = try #require(
            client.environment.cid222.session(namespace: "default", tenant: "tenant-a", id: a.id))
        #expect(record.summarizedCount > 0)
    }

    @Test("reset of one namespace leaves the others")
    func resetOne() async throws {
        let client = CID222TestClient()
        var other = client
        other.namespace = "other"
        let a = try await client.createSession()
        let b = try await other.createSession()
        client.environment.cid222.reset(namespace: "other")
        #expect(await client.request("GET", "/sessions/\(a.id)").status == 200)
        #expect(await other.request("GET", "/sessions/\(b.id)").status == 404)
    }
}
