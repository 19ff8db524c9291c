import SessionsAPI

/// Why a CID222 credential was refused. Each case has its own message, so a client sees
/// exactly what to fix; every one of them answers 401.
public enum JWTError: Error, Equatable, CustomStringConvertible {
    case missingAuthorization
    case notBearer
    case tenantAPIKey
    case malformed(String)
    case unsupportedAlgorithm(String)
    case badSignature
    case expired(at: Int64)
    case notYetValid(until: Int64)
    case issuedInTheFuture(at: Int64)
    case unsupportedCritical([String])
    case missingClaim(String)
    case invalidClaim(String, String)

    public var description: String {
        switch self {
        case .missingAuthorization:
            return "Missing Authorization header: send 'Authorization: Bearer <user JWT>'"
        case .notBearer:
            return "Authorization header must use the Bearer scheme with a user JWT"
        case .tenantAPIKey:
            return "Tenant API keys (cid_key_...) are not accepted here: session endpoints need a user JWT"
        case .malformed(let reason):
            return "Malformed JWT: \(reason)"
        case .unsupportedAlgorithm(let alg):
            return "JWT algorithm '\(alg)' is not accepted: tokens must be signed with HS256"
        case .badSignature:
            return "JWT signature is invalid"
        case .expired(let at):
            return "JWT expired at \(Timestamp.format(at))"
        case .notYetValid(let until):
            return "JWT is not valid before \(Timestamp.format(until)) (nbf)"
        case .issuedInTheFuture(let at):
            return "JWT is issued in the future, at \(Timestamp.format(at)) (iat)"
        case .unsupportedCritical(let names):
            let listed = names.map { "'\($0)'" }.joined(separator: ", ")
            return "JWT header marks \(listed) as critical (crit), and no critical extension is supported"
        case .missingClaim(let name):
            return "JWT is missing the required '\(name)' claim"
        case .invalidClaim(let name, let reason):
            return "JWT claim '\(name)' is invalid: \(reason)"
        }
    }
}
