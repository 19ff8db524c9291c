import Foundation
import HTTPServer

/// Reads the user JWT of a CID222 request.
enum CID222Auth {
    /// The verified claims, or the 401 naming what is wrong. Expiry is judged by the wall
    /// clock, never the mock clock: reading the mock clock would advance a fixed `--clock`
    /// and shift every timestamp the mock writes, and tokens are real-time credentials.
    static func claims(
        of request: HTTPRequest, secret: String, now: Int64 = Int64(Date().timeIntervalSince1970)
    )
        throws(CID222Failure) -> JWTClaims
    {
        let values = request.headers.values("Authorization")
        guard let header = values.first else {
            throw .unauthorized(.missingAuthorization)
        }
        // Two credentials are ambiguous (a proxy may have read the other one): refuse the
        // request as malformed rather than pick one, as the Konnect routes do.
        guard values.count == 1 else {
            throw .badRequest("More than one Authorization header; send exactly one")
        }
        let trimmed = header.trimmingSpaces()
        guard let space = trimmed.firstIndex(of: " "),
            trimmed[..<space].lowercased() == "bearer"
        else { throw .unauthorized(.notBearer) }
        let token = trimmed[trimmed.index(after: space)...].trimmingSpaces()
        guard !token.isEmpty else { throw .unauthorized(.malformed("the Bearer token is empty")) }
        if token.hasPrefix("cid_key_") { throw .unauthorized(.tenantAPIKey) }
        do {
            return try JWTVerifier.verify(token: token, secret: Array(secret.utf8), now: now)
        } catch {
            throw .unauthorized(error)
        }
    }
}
