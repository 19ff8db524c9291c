import SessionsAPI

/// Makes user JWTs the mock accepts, for `sessions token` and `POST /__admin/tokens`.
public enum JWTMinter {
    private struct Header: Encodable {
        var alg = "HS256"
        var typ = "JWT"
    }

    /// A compact HS256 JWT with `sub` = `tenant`, `username` = `user`, `role`, `iat` = `now`
    /// and `exp` = `now + ttl`. Keys are sorted, so the same inputs give the same token.
    /// - Parameters:
    ///   - tenant: the tenant id (`sub`); sessions are scoped to it.
    ///   - user: the user name (`username`).
    ///   - role: `user` or `admin_user`.
    ///   - ttl: seconds until the token expires.
    ///   - secret: the HS256 secret (`--jwt-secret`).
    ///   - now: seconds since the epoch at which the token is issued.
    public static func mint(
        tenant: String, user: String, role: String = "user", ttl: Int64 = 3600, secret: String, now: Int64
    ) -> String {
        // Saturating: a library caller may pass any ttl, and an overflow must not trap.
        let (expiry, overflow) = now.addingReportingOverflow(ttl)
        let exp = overflow ? (ttl < 0 ? Int64.min : Int64.max) : expiry
        let claims = JWTClaims(sub: tenant, username: user, role: role, iat: now, exp: exp)
        let signingInput =
            Base64URL.encode(WireJSON.encode(Header())) + "." + Base64URL.encode(WireJSON.encode(claims))
        let mac = HMACSHA256.authenticationCode(key: Array(secret.utf8), message: Array(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(mac)
    }
}
