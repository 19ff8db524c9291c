import HTTPServer
import SessionsAPI
import Testing

@testable import MockServer

@Suite("Konnect authentication")
struct KonnectAuthTests {
    @Test(
        "KON-AUTH-MISSING-401, KON-AUTH-MALFORMED-401, KON-ERROR-ENVELOPE: a missing, non-Bearer or malformed credential gets 401 on every route",
        arguments: [
            nil, "", "Basic c2tfdGVzdF9hOmI=", "Bearer", "Bearer ", "Bearer sk_test_", "Bearer sk_prod_abc",
            "Bearer sk_test_has space", "Bearer sk_test_dash-ed", "Bearer sk_test_ünïcode",
            "Bearer pk_test_abc",
            "Bearer sk_test_abc\u{0}", "Token sk_test_abc",
            "Bearer " + "sk_test_" + String(repeating: "a", count: 300),
        ])
    func rejectedCredentials(header: String?) async throws {
        let client = KonnectTestClient()
        let headers = header.map { [("Authorization", $0)] } ?? []
        for (method, path, body) in [
            ("GET", "/v1/sessions", nil), ("GET", "/v1/sessions/sess_x", nil),
            ("PATCH", "/v1/sessions/sess_x", #"{"title":"t"}"#), ("DELETE", "/v1/sessions/sess_x", nil),
            ("POST", "/v1/chat", #"{"message":"hi"}"#),
        ] {
            let response = await client.send(method, path, key: nil, json: body, headers: headers)
            #expect(response.status == 401, "\(method) \(path) with \(header ?? "nothing")")
            let error = try response.error()
            #expect(error.status == 401)
            #expect(error.code == "unauthorized")
            #expect(!error.message.isEmpty)
            #expect(response.headers["WWW-Authenticate"]?.hasPrefix("Bearer") == true)
        }
        #expect(client.environment.konnect.exportSnapshot().sessionCount == 0)
    }

    @Test(
        "KON-AUTH-MISSING-401, KON-AUTH-MALFORMED-401: the 401 message says what is wrong with the credential"
    )
    func messagesSayWhy() async throws {
        let client = KonnectTestClient()
        let missing = try await client.send("GET", "/v1/sessions", key: nil).error()
        #expect(missing.message.contains("Missing"))
        let scheme = try await client.send(
            "GET", "/v1/sessions", key: nil, headers: [("Authorization", "Basic x")]
        ).error()
        #expect(scheme.message.contains("Bearer"))
        let malformed = try await client.send("GET", "/v1/sessions", key: "sk_nope").error()
        #expect(malformed.message.contains("Malformed"))
        let twice = await client.send("GET", "/v1/sessions", headers: [("Authorization", "Bearer sk_test_b")])
        #expect(twice.status == 400)
    }

    @Test(
        "KON-AUTH-BEARER, KON-AUTH-KEY-FORMAT: sk_test_ and sk_live_ keys are accepted, the scheme in any case"
    )
    func acceptedKeys() async throws {
        let client = KonnectTestClient()
        for header in ["Bearer sk_test_a", "Bearer sk_live_Z9_x", "bearer sk_test_a", "BEARER   sk_test_a  "]
        {
            let response = await client.send(
                "GET", "/v1/sessions", key: nil, headers: [("Authorization", header)])
            #expect(response.status == 200, "\(header)")
        }
    }

    @Test("KON-AUTH-OTHER-USER-404: each key is its own user: another key's session is 404, never 403")
    func keysAreUsers() async throws {
        let client = KonnectTestClient()
        let mine = try await client.chat("Mine")
        let live = "sk_live_alice"
        let path = "/v1/sessions/\(mine.sessionID)"
        #expect(await client.send("GET", path, key: live).status == 404)
        #expect(await client.send("PATCH", path, key: live, json: #"{"title":"Taken"}"#).status == 404)
        #expect(await client.send("DELETE", path, key: live).status == 404)
        let chat = await client.send(
            "POST", "/v1/chat", key: live, json: #"{"message":"Mine now","session_id":"\#(mine.sessionID)"}"#)
        #expect(chat.status == 404)
        #expect(try chat.error().param == "session_id")
        #expect(try await client.session(mine.sessionID).messageCount == 2)
        #expect(try await client.list(key: live).total == 0)
        #expect(try await client.list().total == 1)
    }

    @Test("KON-AUTH-UNKNOWN-401 KON-AUTH-UNKNOWN-REFUSED: with --api-key only the listed keys are accepted")
    func restrictedKeys() async throws {
        var options = KonnectTestClient.options()
        options.konnectAPIKeys = ["sk_test_allowed", "sk_live_other"]
        let client = KonnectTestClient(options: options)
        #expect(await client.send("GET", "/v1/sessions", key: "sk_test_allowed").status == 200)
        #expect(await client.send("GET", "/v1/sessions", key: "sk_live_other").status == 200)
        let unknown = await client.send("GET", "/v1/sessions", key: "sk_test_alice")
        #expect(unknown.status == 401)
        #expect(try unknown.error().message.contains("Unknown"))
    }

    @Test("KON-AUTH-KEY-FORMAT: key syntax is sk_test_ or sk_live_ then letters, digits and underscores")
    func keySyntax() {
        #expect(KonnectAuthenticator.isWellFormed("sk_test_a"))
        #expect(KonnectAuthenticator.isWellFormed("sk_live____"))
        #expect(!KonnectAuthenticator.isWellFormed("sk_test_"))
        #expect(!KonnectAuthenticator.isWellFormed("sk_live_é"))
        #expect(!KonnectAuthenticator.isWellFormed("SK_TEST_a"))
        #expect(!KonnectAuthenticator.isWellFormed("sk_test_" + String(repeating: "a", count: 1000)))
    }
}
