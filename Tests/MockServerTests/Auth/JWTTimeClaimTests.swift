import Testing

@testable import MockServer

/// Issue 13, findings 1 and 7: `exp`, `nbf` and `iat` per RFC 7519 §4.1 with a small
/// leeway, `crit` per RFC 7515 §4.1.11, and no trap on any signed NumericDate.
@Suite("JWT time claims and critical headers")
struct JWTTimeClaimTests {
    static let now: Int64 = 1_800_000_000
    static let leeway = JWTVerifier.clockSkewLeewaySeconds

    private func verify(header: String = #"{"alg":"HS256"}"#, _ payload: String) throws(JWTError) -> JWTClaims
    {
        try JWTVerifier.verify(
            token: JWTTests.token(header: header, payload: payload), secret: bytes("s"), now: Self.now)
    }

    @Test("a signed exp of Int64.min is refused as expired, and its message formats")
    func expAtInt64Min() {
        #expect(throws: JWTError.expired(at: .min)) { try verify(#"{"sub":"t","exp":-9223372036854775808}"#) }
        #expect(JWTError.expired(at: .min).description.contains("expired at"))
        #expect(JWTError.notYetValid(until: .max).description.contains("not valid before"))
    }

    @Test("nbf: in the future past the leeway is refused; within the leeway it is accepted")
    func notBefore() throws {
        let exp = Self.now + 3600
        #expect(throws: JWTError.notYetValid(until: Self.now + Self.leeway + 1)) {
            try verify(#"{"sub":"t","exp":\#(exp),"nbf":\#(Self.now + Self.leeway + 1)}"#)
        }
        _ = try verify(#"{"sub":"t","exp":\#(exp),"nbf":\#(Self.now + Self.leeway)}"#)
        _ = try verify(#"{"sub":"t","exp":\#(exp),"nbf":\#(Self.now - 10)}"#)
        #expect(throws: JWTError.notYetValid(until: .max)) {
            try verify(#"{"sub":"t","exp":\#(exp),"nbf":9223372036854775807}"#)
        }
        #expect(throws: JWTError.invalidClaim("nbf", "must be a number of seconds")) {
            try verify(#"{"sub":"t","exp":\#(exp),"nbf":"soon"}"#)
        }
    }

    @Test("iat: a token issued in the future past the leeway is refused")
    func issuedAt() throws {
        let exp = Self.now + 3600
        #expect(throws: JWTError.issuedInTheFuture(at: Self.now + Self.leeway + 1)) {
            try verify(#"{"sub":"t","exp":\#(exp),"iat":\#(Self.now + Self.leeway + 1)}"#)
        }
        let claims = try verify(#"{"sub":"t","exp":\#(exp),"iat":\#(Self.now + Self.leeway)}"#)
        #expect(claims.iat == Self.now + Self.leeway)
    }

    @Test("crit: any critical extension is refused, well-formed or not (RFC 7515 §4.1.11)")
    func critical() {
        let payload = #"{"sub":"t","exp":\#(Self.now + 3600)}"#
        #expect(throws: JWTError.unsupportedCritical(["exp"])) {
            try verify(header: #"{"alg":"HS256","crit":["exp"],"exp":1}"#, payload)
        }
        for crit in [#"[]"#, #""b64""#, "null", "5"] {
            #expect(throws: JWTError.self, "crit \(crit)") {
                try verify(header: #"{"alg":"HS256","crit":\#(crit)}"#, payload)
            }
        }
    }

    @Test("minting with a ttl that overflows saturates exp instead of trapping")
    func mintSaturates() throws {
        let token = JWTMinter.mint(tenant: "t", user: "u", ttl: .max, secret: "s", now: Self.now)
        let claims = try JWTVerifier.verify(token: token, secret: bytes("s"), now: Self.now)
        #expect(claims.exp == .max)
    }
}
