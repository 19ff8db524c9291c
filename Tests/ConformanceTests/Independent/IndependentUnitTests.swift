import Conformance
import EventStream
import JSONSchema
import MockServer
import Testing

/// Unit checks of the independent JWT verifier (RFC 7515/7519) and SSE framing (WHATWG).
@Suite struct IndependentUnitTests {
    static let secret = Array(IndependentServer.jwtSecret.utf8)
    static let now: Int64 = 1_800_000_000
    let verifier = IndependentJWT(secret: secret)

    /// A compact JWS of `header` and `claims`, signed with HS256 under `key`.
    static func token(_ header: String, _ claims: String, key: [UInt8] = secret) -> String {
        let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(claims.utf8))
        return input + "."
            + Base64URL.encode(HMACSHA256.authenticationCode(key: key, message: Array(input.utf8)))
    }

    static let hs256 = #"{"alg":"HS256","typ":"JWT"}"#

    func refusal(_ authorization: String?) -> String? {
        if case .failure(let refusal) = verifier.verify(authorization: authorization, now: Self.now) {
            return refusal.code
        }
        return nil
    }

    @Test func aSignedUnexpiredTokenNamesItsTenant() throws {
        let token = JWTMinter.mint(
            tenant: "t1", user: "ada", secret: IndependentServer.jwtSecret, now: Self.now)
        let identity = try verifier.verify(authorization: "Bearer \(token)", now: Self.now).get()
        #expect(identity.tenant == "t1")
        #expect(identity.user == "ada")
    }

    @Test func everyBadCredentialIsRefusedWithItsReason() {
        let claims = #"{"sub":"t1","exp":\#(Self.now + 60)}"#
        #expect(refusal(nil) == "missing_credentials")
        #expect(refusal("Basic dXNlcjpwYXNz") == "invalid_scheme")
        #expect(refusal("Bearer cid_key_abc123") == "jwt_required")
        #expect(refusal("Bearer a.b") == "malformed_jwt")
        let unsigned =
            Base64URL.encode(Array(#"{"alg":"none"}"#.utf8)) + "." + Base64URL.encode(Array(claims.utf8))
            + "."
        #expect(refusal("Bearer \(unsigned)") == "unsupported_alg")
        #expect(refusal("Bearer \(Self.token(#"{"alg":"HS384"}"#, claims))") == "unsupported_alg")
        #expect(
            refusal("Bearer \(Self.token(#"{"alg":"HS256","crit":["b64"]}"#, claims))") == "unsupported_crit")
        #expect(
            refusal("Bearer \(Self.token(Self.hs256, claims, key: Array("other".utf8)))") == "bad_signature")
        #expect(refusal("Bearer \(Self.token(Self.hs256, #"{"sub":"t1"}"#))") == "missing_exp")
        #expect(refusal("Bearer \(Self.token(Self.hs256, #"{"exp":\#(Self.now + 60)}"#))") == "missing_sub")
        let late = #"{"sub":"t1","exp":\#(Self.now - 31)}"#
        #expect(refusal("Bearer \(Self.token(Self.hs256, late))") == "token_expired")
        let early = #"{"sub":"t1","exp":\#(Self.now + 600),"nbf":\#(Self.now + 300)}"#
        #expect(refusal("Bearer \(Self.token(Self.hs256, early))") == "token_not_yet_valid")
    }

    @Test func aTokenJustPastExpiryIsWithinTheLeeway() {
        let claims = #"{"sub":"t1","exp":\#(Self.now - 5)}"#
        #expect(refusal("Bearer \(Self.token(Self.hs256, claims))") == nil)
    }

    @Test func theStreamReadsAsNamedNumberedEventsUnderTheWHATWGRules() {
        let events = [
            IndependentEvent(name: "content_block_delta", data: ["index": 0, "delta": ["text": "Hi "]]),
            IndependentEvent(name: "message_stop", data: ["stop_reason": "stop"]),
        ]
        let bytes = Array(
            (": keep-alive\r\n\r\n"
                + events.enumerated().map {
                    IndependentStream.frame($0.element, id: $0.offset + 1)
                }.joined()).utf8)
        let reading = StreamReading(chunks: [bytes])
        #expect(reading.events.map(\.type) == ["content_block_delta", "message_stop"])
        #expect(reading.events.map(\.id) == ["1", "2"])
        #expect(reading.malformedIndices.isEmpty)
        #expect(!reading.sawDone)
        #expect(reading.endsCleanly)
    }

    @Test func deltasJoinToTheReplyAndPIIIsFoundByPosition() {
        let reply = "One two three four five six seven"
        #expect(IndependentStream.deltas(reply).joined() == reply)
        let (findings, redacted) = IndependentPII.scan("Mail jane@example.com or call +1 415 555 0100 today")
        #expect(findings.map(\.kind) == ["email_address", "phone_number"])
        #expect(findings.first?.offset == 5)
        #expect(findings.first?.length == 16)
        #expect(redacted == "Mail [EMAIL] or call [PHONE] today")
    }
}
