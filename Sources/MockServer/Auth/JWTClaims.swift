/// The claims a CID222 user JWT carries (the vendor's public docs name them).
public struct JWTClaims: Sendable, Equatable, Codable {
    /// The tenant the user belongs to: sessions are scoped to it.
    public var sub: String
    public var username: String?
    /// `user` or `admin_user`.
    public var role: String?
    public var iat: Int64?
    public var exp: Int64

    public init(sub: String, username: String?, role: String?, iat: Int64?, exp: Int64) {
        self.sub = sub
        self.username = username
        self.role = role
        self.iat = iat
        self.exp = exp
    }

    /// The roles the mock knows.
    public static let roles: Set<String> = ["user", "admin_user"]
}
