import JSONSchema
import MockServer

/// Verifies CID222 user JWTs: compact JWS (RFC 7515) signed with HS256, claims per RFC 7519.
/// Written apart from the mock's verifier; only the HMAC and base64url primitives are shared.
struct IndependentJWT: Sendable {
    /// Who the token speaks for.
    struct Identity: Sendable {
        var tenant: String
        var user: String?
    }

    /// Why a credential was refused; the text goes into the 401 answer.
    struct Refusal: Error, Sendable {
        var code: String
        var detail: String
    }

    let secret: [UInt8]

    // Differs: the mock enforces `exp` with no leeway vs we allow 30 seconds of clock skew;
    // the seed allows it because it only asks for JWT auth, and RFC 7519 §4.1.4 lets a
    // verifier provide a small leeway.
    static let leewaySeconds: Int64 = 30

    func verify(authorization: String?, now: Int64) -> Result<Identity, Refusal> {
        guard let authorization, !authorization.isEmpty else {
            return .failure(
                Refusal(code: "missing_credentials", detail: "send Authorization: Bearer <user JWT>"))
        }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        // The scheme name is case-insensitive (RFC 9110 §11.1).
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            return .failure(
                Refusal(code: "invalid_scheme", detail: "only the Bearer scheme with a user JWT is accepted"))
        }
        let token = parts[1].trimmingSpaces
        if token.hasPrefix("cid_") || !token.contains(".") {
            return .failure(
                Refusal(
                    code: "jwt_required",
                    detail: "sessions need a user JWT; a tenant API key or other opaque token is not accepted"
                ))
        }
        return verify(token: token, now: now)
    }

    private func verify(token: String, now: Int64) -> Result<Identity, Refusal> {
        let pieces = token.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count == 3, let headerBytes = Base64URL.decode(pieces[0]),
            let claimBytes = Base64URL.decode(pieces[1]), let signature = Base64URL.decode(pieces[2]),
            case .object(let header)? = try? JSONValue.parse(headerBytes),
            case .object(let claims)? = try? JSONValue.parse(claimBytes)
        else {
            return .failure(
                Refusal(code: "malformed_jwt", detail: "the JWT is not three base64url JSON parts"))
        }
        // Only HS256 is trusted; `none` and every other algorithm are refused (RFC 7515 §4.1.1).
        guard header["alg"]?.stringValue == "HS256" else {
            return .failure(Refusal(code: "unsupported_alg", detail: "the JWT must be signed with HS256"))
        }
        // An extension the verifier does not understand must make the token invalid (§4.1.11).
        if header.contains("crit") {
            return .failure(
                Refusal(code: "unsupported_crit", detail: "critical JWT header extensions are not supported"))
        }
        let input = Array("\(pieces[0]).\(pieces[1])".utf8)
        let expected = HMACSHA256.authenticationCode(key: secret, message: input)
        guard HMACSHA256.constantTimeEqual(expected, signature) else {
            return .failure(Refusal(code: "bad_signature", detail: "the JWT signature does not verify"))
        }
        return check(claims: claims, now: now)
    }

    private func check(claims: JSONObject, now: Int64) -> Result<Identity, Refusal> {
        guard let exp = claims["exp"]?.doubleValue else {
            return .failure(Refusal(code: "missing_exp", detail: "the JWT has no numeric exp claim"))
        }
        guard Double(now - Self.leewaySeconds) < exp else {
            return .failure(Refusal(code: "token_expired", detail: "the JWT has expired"))
        }
        if let nbf = claims["nbf"]?.doubleValue, nbf > Double(now + Self.leewaySeconds) {
            return .failure(Refusal(code: "token_not_yet_valid", detail: "the JWT is not valid yet (nbf)"))
        }
        guard let tenant = claims["sub"]?.stringValue, !tenant.isEmpty else {
            return .failure(Refusal(code: "missing_sub", detail: "the JWT names no tenant in sub"))
        }
        return .success(Identity(tenant: tenant, user: claims["username"]?.stringValue))
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
