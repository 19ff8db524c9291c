import Foundation
import HTTPServer
import JSONSchema
import Testing

@testable import MockServer

/// State export, reset and import against the real Konnect and CID222 mocks.
@Suite("Admin state: export, reset, import")
struct StateTests {
    let environment = AdminTest.environment { $0.seed = 9 }
    var handler: HTTPHandler { MockServer.makeHandler(environment: environment) }

    static let konnectKey = ("Authorization", "Bearer sk_test_state")
    var cid222Auth: (String, String) {
        let token = JWTMinter.mint(
            tenant: "tenant-1", user: "u1", ttl: 3600, secret: environment.options.jwtSecret,
            now: Int64(Date().timeIntervalSince1970))
        return ("Authorization", "Bearer \(token)")
    }

    /// Creates sessions in both APIs and two namespaces; returns the GETs whose answers must
    /// survive an export → reset → import.
    func populate() async throws -> [HTTPRequest] {
        var reads: [HTTPRequest] = []
        for namespace in ["default", "other"] {
            let ns = ("X-Mock-Namespace", namespace)
            var sessionID = ""
            for message in ["Hello there", "And again"] {
                let body =
                    sessionID.isEmpty
                    ? #"{"message":"\#(message)"}"#
                    : #"{"message":"\#(message)","session_id":"\#(sessionID)"}"#
                let chat = await handler(
                    AdminTest.request("POST", "/v1/chat", headers: [Self.konnectKey, ns], body: body))
                #expect(chat.status == 200)
                sessionID = try #require(try await AdminTest.json(chat)["session_id"]?.string)
            }
            reads.append(AdminTest.request("GET", "/v1/sessions", headers: [Self.konnectKey, ns]))
            reads.append(
                AdminTest.request("GET", "/v1/sessions/\(sessionID)", headers: [Self.konnectKey, ns]))

            let created = await handler(
                AdminTest.request(
                    "POST", "/sessions", headers: [cid222Auth, ns], body: #"{"session_name":"s"}"#))
            #expect(created.status == 201)
            let id = try #require(try await AdminTest.json(created)["id"]?.string)
            let send = await handler(
                AdminTest.request(
                    "POST", "/sessions/\(id)/messages", headers: [cid222Auth, ns],
                    body: #"{"content":"Hi, how are you?","model":"gpt-4o"}"#))
            #expect(await AdminTest.text(send).hasSuffix("data: [DONE]\n\n"))
            reads.append(AdminTest.request("GET", "/sessions", headers: [cid222Auth, ns]))
            reads.append(AdminTest.request("GET", "/sessions/\(id)", headers: [cid222Auth, ns]))
        }
        return reads
    }

    func answers(_ reads: [HTTPRequest]) async -> [String] {
        var out: [String] = []
        for read in reads {
            out.append("\(await handler(read).status) " + (await AdminTest.text(await handler(read))))
        }
        return out
    }

    @Test("export → reset → import gives identical API answers in every namespace")
    func roundTrip() async throws {
        let reads = try await populate()
        let before = await answers(reads)
        let exported = await AdminTest.collect(await handler(AdminTest.request("GET", "/__admin/state")))
            .bytes
        #expect(await handler(AdminTest.request("POST", "/__admin/reset")).status == 200)
        #expect(await answers(reads) != before)
        let put = await handler(
            AdminTest.request("PUT", "/__admin/state", body: String(decoding: exported, as: UTF8.self)))
        #expect(put.status == 200)
        #expect(try await AdminTest.json(put)["imported"]?["konnect"]?.int == 2)
        #expect(try await AdminTest.json(put)["imported"]?["cid222"]?.int == 2)
        #expect(await answers(reads) == before)
        let again = await AdminTest.collect(await handler(AdminTest.request("GET", "/__admin/state"))).bytes
        #expect(again == exported)
    }

    @Test("reset of one namespace leaves the other's sessions")
    func resetOneNamespace() async throws {
        let reads = try await populate()
        let before = await answers(reads)
        #expect(
            await handler(
                AdminTest.request("POST", "/__admin/reset", headers: [("X-Mock-Namespace", "other")])
            ).status == 200)
        let after = await answers(reads)
        #expect(after[0..<4] == before[0..<4])
        #expect(after[4..<8] != before[4..<8])
    }

    /// Edits an exported state with `change`, sends it, and expects 400 naming `field`.
    func expectRefused(field: String, _ change: (inout [String: Any]) -> Void) async throws {
        _ = try await populate()
        let exported = await AdminTest.collect(await handler(AdminTest.request("GET", "/__admin/state")))
            .bytes
        var object = try #require(try JSONSerialization.jsonObject(with: Data(exported)) as? [String: Any])
        change(&object)
        let body = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        let response = await handler(AdminTest.request("PUT", "/__admin/state", body: body))
        #expect(response.status == 400)
        #expect(try await AdminTest.json(response)["details"]?["field"]?.string == field)
        let unchanged = await AdminTest.collect(await handler(AdminTest.request("GET", "/__admin/state")))
            .bytes
        #expect(unchanged == exported)
    }

    static func firstCID222Session(_ object: inout [String: Any], _ change: (inout [String: Any]) -> Void) {
        guard var cid = object["cid222"] as? [String: Any], var spaces = cid["namespaces"] as? [String: Any],
            var space = spaces["default"] as? [String: Any],
            var sessions = space["sessions"] as? [[String: Any]],
            !sessions.isEmpty
        else { return }
        change(&sessions[0])
        space["sessions"] = sessions
        spaces["default"] = space
        cid["namespaces"] = spaces
        object["cid222"] = cid
    }

    @Test("a state with the wrong version is refused")
    func wrongVersion() async throws {
        try await expectRefused(field: "version") { $0["version"] = 2 }
    }

    @Test("a state without an API is refused, naming it")
    func missingPart() async throws {
        try await expectRefused(field: "konnect") { $0["konnect"] = nil }
    }

    @Test("counters near overflow are refused before they can trap a store")
    func hostileSequence() async throws {
        try await expectRefused(field: "cid222.namespaces.default.sessions[0].sequence") { object in
            Self.firstCID222Session(&object) { $0["sequence"] = Int.max }
        }
    }

    @Test("a summary over more messages than exist is refused")
    func hostileSummary() async throws {
        try await expectRefused(field: "cid222.namespaces.default.sessions[0].summarizedCount") { object in
            Self.firstCID222Session(&object) { $0["summarizedCount"] = 99 }
        }
    }

    @Test("a role other than user or assistant is refused")
    func hostileRole() async throws {
        try await expectRefused(field: "cid222.namespaces.default.sessions[0].messages[0].role") { object in
            Self.firstCID222Session(&object) { session in
                guard var messages = session["messages"] as? [[String: Any]], !messages.isEmpty else {
                    return
                }
                messages[0]["role"] = "system"
                session["messages"] = messages
            }
        }
    }

    @Test("malformed and truncated state bodies are 400s that change nothing")
    func malformed() async throws {
        _ = try await populate()
        let before = await AdminTest.collect(await handler(AdminTest.request("GET", "/__admin/state"))).bytes
        let text = String(decoding: before, as: UTF8.self)
        for body in ["", "{", "[]", #"{"version":1}"#, String(text.prefix(text.count / 2)), "null"] {
            let response = await handler(AdminTest.request("PUT", "/__admin/state", body: body))
            #expect(response.status == 400, "\(body.prefix(30))")
        }
        #expect(
            await AdminTest.collect(await handler(AdminTest.request("GET", "/__admin/state"))).bytes == before
        )
    }
}
