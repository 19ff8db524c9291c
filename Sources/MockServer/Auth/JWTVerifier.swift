import Foundation
import JSONSchema

/// Verifies compact HS256 JWS tokens (RFC 7515 §7.1, RFC 7519) and reads the CID222 claims.
public enum JWTVerifier {
    /// Splits a token, checks its header names HS256 and its MAC verifies, and returns the
    /// decoded payload bytes. Expiry is not looked at, so published examples with old `exp`
    /// values can be checked here.
    public static func verifySignature(token: String, secret: [UInt8]) throws(JWTError) -> [UInt8] {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw .malformed("expected three dot-separated parts, found \(parts.count)")
        }
        guard let headerBytes = Base64URL.decode(parts[0]) else {
            throw .malformed("header is not base64url")
        }
        let algorithm = try readHeader(headerBytes)
        guard algorithm == "HS256" else { throw .unsupportedAlgorithm(algorithm) }
        guard let payload = Base64URL.decode(parts[1]) else {
            throw .malformed("payload is not base64url")
        }
        guard let signature = Base64URL.decode(parts[2]) else {
            throw .malformed("signature is not base64url")
        }
        let signingInput = Array(parts[0].utf8) + [UInt8(ascii: ".")] + Array(parts[1].utf8)
        let expected = HMACSHA256.authenticationCode(key: secret, message: signingInput)
        guard HMACSHA256.constantTimeEqual(expected, signature) else { throw .badSignature }
        return payload
    }

    /// Clock skew forgiven on `nbf` and `iat` (RFC 7519 §4.1.5 allows "some small leeway"):
    /// a token minted on a machine whose clock runs a little ahead still works. `exp` gets
    /// none, so a token minted with a 1-second ttl really expires after a second.
    public static let clockSkewLeewaySeconds: Int64 = 60

    /// Verifies the signature, then the claims: `exp` is required and must be later than
    /// `now` (seconds since the epoch); `nbf`, if present, must not be later than `now` and
    /// `iat`, if present, not in the future (both with `clockSkewLeewaySeconds`); `sub` is
    /// required and non-empty, `role` if present is `user` or `admin_user`.
    /// A token verified before (same bytes, same secret) skips the MAC and the JSON: clients
    /// send one token on every request (`JWTVerificationCache`). Time is judged every time.
    public static func verify(token: String, secret: [UInt8], now: Int64) throws(JWTError) -> JWTClaims {
        let claims: RawClaims
        if let known = JWTVerificationCache.shared.claims(token: token, secret: secret) {
            claims = known
        } else {
            claims = try readClaims(try verifySignature(token: token, secret: secret))
            JWTVerificationCache.shared.store(claims, token: token, secret: secret)
        }
        guard let exp = claims.exp else { throw .missingClaim("exp") }
        guard now < exp else { throw .expired(at: exp) }
        // Saturating, so an `nbf` or `iat` near Int64.max is refused instead of trapping.
        let latestAcceptable = now.addingReportingOverflow(clockSkewLeewaySeconds)
        let horizon = latestAcceptable.overflow ? Int64.max : latestAcceptable.partialValue
        if let nbf = claims.nbf, nbf > horizon { throw .notYetValid(until: nbf) }
        if let iat = claims.iat, iat > horizon { throw .issuedInTheFuture(at: iat) }
        guard let sub = claims.sub else { throw .missingClaim("sub") }
        guard !sub.isEmpty else { throw .invalidClaim("sub", "must not be empty") }
        if let role = claims.role, !JWTClaims.roles.contains(role) {
            throw .invalidClaim("role", "must be 'user' or 'admin_user'")
        }
        return JWTClaims(sub: sub, username: claims.username, role: claims.role, iat: claims.iat, exp: exp)
    }

    /// Reads `alg`, and refuses any `crit`: RFC 7515 §4.1.11 requires rejecting a token whose
    /// critical extensions the recipient does not understand, and this verifier understands
    /// none. A malformed `crit` (not a non-empty array of strings) is refused too.
    private static func readHeader(_ bytes: [UInt8]) throws(JWTError) -> String {
        guard case .object(let header)? = JSONValue.strictBody(bytes) else {
            throw .malformed("header is not a JSON object with a string 'alg'")
        }
        let algorithm: String
        switch header["alg"] {
        case nil, .null?: throw .malformed("header has no 'alg'")
        case .string(let alg)?: algorithm = alg
        default: throw .malformed("header is not a JSON object with a string 'alg'")
        }
        if let crit = header["crit"] {
            guard case .array(let names) = crit, !names.isEmpty else {
                throw .malformed("'crit' must be a non-empty array of header parameter names")
            }
            let listed = names.map { name -> String in
                if case .string(let text) = name { return text }
                return "?"
            }
            throw .unsupportedCritical(listed)
        }
        return algorithm
    }

    /// Claims as found, before the required ones are checked.
    /// The claims of a token whose signature verified, before any check of their values.
    struct RawClaims: Sendable {
        var sub: String?
        var username: String?
        var role: String?
        var iat: Int64?
        var nbf: Int64?
        var exp: Int64?
    }

    private static func readClaims(_ bytes: [UInt8]) throws(JWTError) -> RawClaims {
        guard case .object(let object)? = JSONValue.strictBody(bytes) else {
            throw .malformed("payload is not a JSON object")
        }
        var raw = RawClaims()
        raw.sub = try string(object, "sub")
        raw.username = try string(object, "username")
        raw.role = try string(object, "role")
        raw.iat = try seconds(object, "iat")
        raw.nbf = try seconds(object, "nbf")
        raw.exp = try seconds(object, "exp")
        return raw
    }

    private static func string(_ object: JSONObject, _ name: String) throws(JWTError) -> String? {
        guard let value = object[name], value != .null else { return nil }
        guard case .string(let text) = value else { throw .invalidClaim(name, "must be a string") }
        return text
    }

    /// A NumericDate (RFC 7519 §2): seconds, possibly with a fraction, which is dropped.
    private static func seconds(_ object: JSONObject, _ name: String) throws(JWTError) -> Int64? {
        guard let value = object[name], value != .null else { return nil }
        switch value {
        case .int(let n): return Int64(n)
        case .double(let d) where d.isFinite && d > -9.0e18 && d < 9.0e18: return Int64(d.rounded(.down))
        default: throw .invalidClaim(name, "must be a number of seconds")
        }
    }
}
