import Foundation
import HTTPServer
import SessionsAPI
import Testing

@testable import MockServer

@Suite("CID222 auth on every route, and the admin token route")
struct CID222AuthRouteTests {
    let client = CID222TestClient()

    static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }

    @Test(
        "CID-AUTH-BEARER-JWT CID-AUTH-MALFORMED-REFUSED CID-AUTH-ALG-NONE-REFUSED CID-AUTH-SIGNATURE-REFUSED CID-AUTH-EXPIRED-REFUSED CID-AUTH-MISSING-401 CID-AUTH-NOT-BEARER-401 CID-AUTH-MALFORMED-401 CID-AUTH-ALG-401 CID-AUTH-SIGNATURE-401 CID-AUTH-EXPIRED-401 CID-AUTH-CLAIMS-401 CID-AUTH-REASON-MESSAGE CID-AUTH-API-KEY-401 CID-AUTH-API-KEY-REFUSED: every 401 cause answers 401 in the CID222 envelope with its own message"
    )
    func causes() async throws {
        let secret = CID222TestClient.secret
        let expired = JWTMinter.mint(tenant: "t", user: "u", ttl: 60, secret: secret, now: Self.now() - 3600)
        let wrongSecret = JWTMinter.mint(tenant: "t", user: "u", secret: "other", now: Self.now())
        let none =
            Base64URL.encode(Array(#"{"alg":"none","typ":"JWT"}"#.utf8)) + "."
            + Base64URL.encode(Array(#"{"sub":"t","exp":\#(Self.now() + 600)}"#.utf8)) + "."
        let noSub = JWTTests.token(
            header: #"{"alg":"HS256"}"#, payload: #"{"exp":\#(Self.now() + 600)}"#, secret: secret)
        let noExp = JWTTests.token(header: #"{"alg":"HS256"}"#, payload: #"{"sub":"t"}"#, secret: secret)
        let cases: [(String, [(String, String)], String)] = [
            ("missing", [], "Missing Authorization"),
            ("basic", [("Authorization", "Basic dXNlcjpwYXNz")], "Bearer scheme"),
            ("bare token", [("Authorization", "abc.def.ghi")], "Bearer scheme"),
            ("empty bearer", [("Authorization", "Bearer ")], "Bearer scheme"),
            ("malformed", [("Authorization", "Bearer not-a-jwt")], "Malformed JWT"),
            ("api key", [("Authorization", "Bearer cid_key_abc123")], "user JWT"),
            ("alg none", [("Authorization", "Bearer \(none)")], "'none'"),
            ("bad signature", [("Authorization", "Bearer \(wrongSecret)")], "signature"),
            ("expired", [("Authorization", "Bearer \(expired)")], "expired"),
            ("no sub", [("Authorization", "Bearer \(noSub)")], "'sub'"),
            ("no exp", [("Authorization", "Bearer \(noExp)")], "'exp'"),
        ]
        let session = try await client.createSession()
        let routes = [
            ("POST", "/sessions", "{}"), ("GET", "/sessions", nil), ("GET", "/sessions/\(session.id)", nil),
            ("DELETE", "/sessions/\(session.id)", nil),
            ("POST", "/sessions/\(session.id)/messages", #"{"content":"hi","model":"gpt-4o"}"#),
        ]
        var messages: Set<String> = []
        for (name, headers, fragment) in cases {
            for (method, path, body) in routes {
                let response = await client.request(method, path, body: body, token: nil, headers: headers)
                #expect(response.status == 401, "\(name) \(method) \(path)")
                let error = try #require(response.error)
                #expect(error.error == "Unauthorized")
                #expect(error.message.contains(fragment), "\(name): \(error.message)")
                #expect(response.headers["WWW-Authenticate"]?.hasPrefix("Bearer") == true)
                messages.insert(error.message)
            }
        }
        #expect(messages.count >= 9)
        let detail = try await client.detail(session.id)
        #expect(detail.context.isEmpty)
    }

    @Test("CID-AUTH-BEARER-JWT: the Bearer scheme name is case-insensitive and admin_user tokens work")
    func schemeCase() async throws {
        let token = JWTMinter.mint(
            tenant: "tenant-a", user: "root", role: "admin_user", secret: CID222TestClient.secret,
            now: Self.now())
        let response = await client.request(
            "GET", "/sessions", token: nil, headers: [("Authorization", "bearer \(token)")])
        #expect(response.status == 200)
    }

    @Test("POST /__admin/tokens mints a token the API accepts, scoped to its tenant")
    func adminTokens() async throws {
        let response = await client.request(
            "POST", "/__admin/tokens",
            body: #"{"tenant":"tenant-z","user":"zed","role":"admin_user","ttl_seconds":120}"#,
            token: nil)
        #expect(response.status == 200)
        struct Minted: Decodable {
            var token: String
            var expires_at: String
        }
        let minted = try response.decode(Minted.self)
        let expires = try #require(Timestamp.parse(minted.expires_at))
        #expect(abs(expires - (Self.now() + 120)) <= 5)
        let claims = try JWTVerifier.verify(
            token: minted.token, secret: Array(CID222TestClient.secret.utf8), now: Self.now())
        #expect(claims.sub == "tenant-z")
        #expect(claims.username == "zed")
        #expect(claims.role == "admin_user")
        let created = try await client.createSession(token: minted.token)
        #expect(created.tenantID == "tenant-z")
    }

    @Test("POST /__admin/tokens validates its body")
    func adminTokenValidation() async throws {
        for (body, field) in [
            (#"{"user":"u"}"#, "tenant"), (#"{"tenant":"","user":"u"}"#, "tenant"),
            (#"{"tenant":"t"}"#, "user"),
            (#"{"tenant":"t","user":"u","role":"root"}"#, "role"),
            (#"{"tenant":"t","user":"u","ttl_seconds":0}"#, "ttl_seconds"),
            (#"{"tenant":"t","user":"u","ttl_seconds":"60"}"#, "ttl_seconds"),
            (#"{"tenant":"t","user":"u","ttl_seconds":9223372036854775807}"#, "ttl_seconds"),
        ] {
            let response = await client.request("POST", "/__admin/tokens", body: body, token: nil)
            #expect(response.status == 400, "\(body)")
            #expect(response.error?.details?["field"] == field)
        }
        #expect(await client.request("POST", "/__admin/tokens", body: "{", token: nil).status == 400)
    }
}
