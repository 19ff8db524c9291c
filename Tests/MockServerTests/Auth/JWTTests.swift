import Testing

@testable import MockServer

@Suite("HS256 JWT verification and minting")
struct JWTTests {
    /// RFC 7515 appendix A.1: the HS256 example token and its JWK `k`.
    static let rfcToken =
        "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
        + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
        + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    static let rfcKey =
        Base64URL.decode(
            "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow") ?? []

    @Test("RFC 7515 A.1: the example's signature verifies and its payload decodes")
    func rfcSignature() throws {
        #expect(Self.rfcKey.count == 64)
        let payload = try JWTVerifier.verifySignature(token: Self.rfcToken, secret: Self.rfcKey)
        #expect(String(decoding: payload, as: UTF8.self).contains("\"exp\":1300819380"))
    }

    @Test("RFC 7515 A.1: its exp (2011) is enforced, and it lacks the sub CID222 needs")
    func rfcClaims() {
        #expect(throws: JWTError.expired(at: 1_300_819_380)) {
            try JWTVerifier.verify(token: Self.rfcToken, secret: Self.rfcKey, now: 1_300_819_380)
        }
        #expect(throws: JWTError.missingClaim("sub")) {
            try JWTVerifier.verify(token: Self.rfcToken, secret: Self.rfcKey, now: 1_300_819_379)
        }
    }

    @Test("RFC 7515 A.1 with one signature character changed fails")
    func rfcTampered() {
        let tampered = String(Self.rfcToken.dropLast()) + "Y"
        #expect(throws: JWTError.badSignature) {
            try JWTVerifier.verifySignature(token: tampered, secret: Self.rfcKey)
        }
    }

    @Test("a minted token verifies and carries its claims")
    func mintRoundTrip() throws {
        let token = JWTMinter.mint(
            tenant: "t1", user: "ann", role: "admin_user", ttl: 60, secret: "s", now: 1000)
        let claims = try JWTVerifier.verify(token: token, secret: bytes("s"), now: 1059)
        #expect(claims == JWTClaims(sub: "t1", username: "ann", role: "admin_user", iat: 1000, exp: 1060))
        #expect(throws: JWTError.expired(at: 1060)) {
            try JWTVerifier.verify(token: token, secret: bytes("s"), now: 1060)
        }
        #expect(throws: JWTError.badSignature) {
            try JWTVerifier.verify(token: token, secret: bytes("other"), now: 1000)
        }
    }

    @Test("minting is deterministic")
    func mintDeterministic() {
        let a = JWTMinter.mint(tenant: "t", user: "u", secret: "k", now: 5)
        #expect(a == JWTMinter.mint(tenant: "t", user: "u", secret: "k", now: 5))
        #expect(a != JWTMinter.mint(tenant: "t", user: "u", secret: "k", now: 6))
    }

    static func token(header: String, payload: String, secret: String = "s") -> String {
        let input = Base64URL.encode(bytes(header)) + "." + Base64URL.encode(bytes(payload))
        return input + "."
            + Base64URL.encode(HMACSHA256.authenticationCode(key: bytes(secret), message: bytes(input)))
    }

    @Test("alg none and other algorithms are refused before any signature check")
    func algorithms() {
        let none =
            Base64URL.encode(bytes(#"{"alg":"none"}"#)) + "."
            + Base64URL.encode(bytes(#"{"sub":"t","exp":9}"#)) + "."
        #expect(throws: JWTError.unsupportedAlgorithm("none")) {
            try JWTVerifier.verify(token: none, secret: bytes("s"), now: 0)
        }
        let hs512 = Self.token(header: #"{"alg":"HS512"}"#, payload: #"{"sub":"t","exp":9}"#)
        #expect(throws: JWTError.unsupportedAlgorithm("HS512")) {
            try JWTVerifier.verify(token: hs512, secret: bytes("s"), now: 0)
        }
    }

    @Test(
        "malformed, truncated and hostile tokens get a malformed error",
        arguments: [
            "", "abc", "a.b", "a.b.c.d", "....", "!!!.e30.", "e30.e30.e30",
            Base64URL.encode(bytes("[1,2]")) + ".e30.",
            Base64URL.encode(bytes(#"{"alg":5}"#)) + ".e30.",
            Base64URL.encode(bytes(#"{"typ":"JWT"}"#)) + ".e30.",
            Base64URL.encode(bytes(#"{"alg":"HS256"}"#)) + ".%%%.abc",
            Base64URL.encode(bytes(#"{"alg":"HS256"}"#)) + ".e30.%%",
        ])
    func malformed(token: String) {
        do {
            _ = try JWTVerifier.verify(token: token, secret: bytes("s"), now: 0)
            Issue.record("accepted \(token.prefix(40))")
        } catch {
            guard case .malformed = error else {
                Issue.record("expected malformed, got \(error)")
                return
            }
        }
    }

    @Test("an oversized token is refused as malformed without trouble")
    func oversized() {
        let token = String(repeating: "A", count: 100_000) + ".."
        #expect(throws: JWTError.malformed("header is not a JSON object with a string 'alg'")) {
            try JWTVerifier.verify(token: token, secret: bytes("s"), now: 0)
        }
    }

    @Test("claims: missing exp, missing or empty sub, wrong types and unknown roles are named")
    func claims() {
        let header = #"{"alg":"HS256","typ":"JWT"}"#
        let cases: [(String, JWTError)] = [
            (#"{"sub":"t"}"#, .missingClaim("exp")),
            (#"{"exp":100}"#, .missingClaim("sub")),
            (#"{"sub":"","exp":100}"#, .invalidClaim("sub", "must not be empty")),
            (#"{"sub":7,"exp":100}"#, .invalidClaim("sub", "must be a string")),
            (#"{"sub":"t","exp":"100"}"#, .invalidClaim("exp", "must be a number of seconds")),
            (#"{"sub":"t","exp":true}"#, .invalidClaim("exp", "must be a number of seconds")),
            (
                #"{"sub":"t","exp":100,"role":"root"}"#,
                .invalidClaim("role", "must be 'user' or 'admin_user'")
            ),
            (#"[1]"#, .malformed("payload is not a JSON object")),
        ]
        for (payload, expected) in cases {
            #expect(throws: expected, "\(payload)") {
                try JWTVerifier.verify(
                    token: Self.token(header: header, payload: payload), secret: bytes("s"), now: 50)
            }
        }
    }

    @Test("a fractional exp is accepted and truncated")
    func fractionalExp() throws {
        let token = Self.token(header: #"{"alg":"HS256"}"#, payload: #"{"sub":"t","exp":100.9}"#)
        #expect(try JWTVerifier.verify(token: token, secret: bytes("s"), now: 99).exp == 100)
    }

    @Test("every 401 cause has its own message")
    func messages() {
        let all: [JWTError] = [
            .missingAuthorization, .notBearer, .tenantAPIKey, .malformed("x"), .unsupportedAlgorithm("none"),
            .badSignature, .expired(at: 0), .missingClaim("sub"), .invalidClaim("role", "r"),
        ]
        #expect(Set(all.map(\.description)).count == all.count)
        #expect(JWTError.tenantAPIKey.description.contains("user JWT"))
        #expect(JWTError.expired(at: 0).description.contains("expired"))
    }
}
