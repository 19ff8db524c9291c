import HTTPServer
import JSONSchema
import SessionsAPI
import Testing

@testable import MockServer

/// Issue 13, finding 4: a state export names Konnect users by key fingerprint, never by the
/// raw key, and an import matches later requests by that fingerprint.
@Suite("Admin state: Konnect keys by fingerprint")
struct StateFingerprintTests {
    static let key = "sk_live_secretKey123"
    static let auth = ("Authorization", "Bearer \(key)")

    private func chat(_ handler: HTTPHandler) async throws -> String {
        let response = await handler(
            AdminTest.request("POST", "/v1/chat", headers: [Self.auth], body: #"{"message":"Hello"}"#))
        #expect(response.status == 200)
        return try #require(try await AdminTest.json(response)["session_id"]?.string)
    }

    @Test("the export holds the key's fingerprint and not the key")
    func exportHidesKeys() async throws {
        let environment = AdminTest.environment()
        let handler = MockServer.makeHandler(environment: environment)
        _ = try await chat(handler)
        let exported = await AdminTest.text(await handler(AdminTest.request("GET", "/__admin/state")))
        #expect(!exported.contains(Self.key))
        #expect(!exported.contains("sk_live_"))
        #expect(exported.contains(KonnectKeyFingerprint.of(Self.key)))
        #expect(KonnectKeyFingerprint.isFingerprint(KonnectKeyFingerprint.of(Self.key)))
    }

    @Test("an exported state imported into a fresh mock serves the same key its sessions")
    func importMatchesByFingerprint() async throws {
        let first = AdminTest.environment()
        let id = try await chat(MockServer.makeHandler(environment: first))
        let exported = await AdminTest.collect(
            await MockServer.makeHandler(environment: first)(AdminTest.request("GET", "/__admin/state"))
        ).bytes

        let second = AdminTest.environment()
        try second.importState(json: exported)
        let handler = MockServer.makeHandler(environment: second)
        let mine = await handler(AdminTest.request("GET", "/v1/sessions/\(id)", headers: [Self.auth]))
        #expect(mine.status == 200)
        let other = await handler(
            AdminTest.request(
                "GET", "/v1/sessions/\(id)", headers: [("Authorization", "Bearer sk_live_other")]))
        #expect(other.status == 404)
    }

    @Test("a state naming users by raw key (older exports) still imports, stored by fingerprint")
    func rawKeysStillImport() async throws {
        let first = AdminTest.environment()
        let id = try await chat(MockServer.makeHandler(environment: first))
        var state = first.exportState()
        let users = try #require(state.konnect.namespaces["default"])
        let sessions = try #require(users[KonnectKeyFingerprint.of(Self.key)])
        state.konnect.namespaces["default"] = [Self.key: sessions]
        let raw = WireJSON.encode(state)
        #expect(String(decoding: raw, as: UTF8.self).contains(Self.key))

        let second = AdminTest.environment()
        try second.importState(json: raw)
        #expect(
            second.exportState().konnect.namespaces["default"]?.keys.first
                == KonnectKeyFingerprint.of(Self.key))
        let handler = MockServer.makeHandler(environment: second)
        let mine = await handler(AdminTest.request("GET", "/v1/sessions/\(id)", headers: [Self.auth]))
        #expect(mine.status == 200)
    }

    @Test("a user name that is neither a fingerprint nor a key is refused, naming the field")
    func badNamesRefused() {
        let environment = AdminTest.environment()
        let body = #"{"version":1,"konnect":{"namespaces":{"default":{"alice":{}}}},"cid222":{}}"#
        #expect(throws: AdminInputError.self) { try environment.importState(json: Array(body.utf8)) }
    }
}
