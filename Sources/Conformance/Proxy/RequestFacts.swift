import Foundation
import JSONSchema

/// What the response rules need to know of the request, without its secret: the query, the
/// body, what the client got wrong, and facts about its credential read at arrival (so
/// the credential itself is never kept).
struct RequestFacts: Sendable {
    /// What a bearer credential visibly is, from its text alone (no secret is needed).
    enum CredentialKind: Sendable, Equatable {
        case none
        /// A CID222 tenant API key (`cid_key_…`), which session endpoints must refuse.
        case tenantAPIKey
        /// Not three base64url parts holding JSON: not a JWT at all.
        case notAJWT
        /// A JWT whose header says `alg: none`.
        case unsignedJWT
        /// A JWT whose `exp` had passed when the request arrived.
        case expiredJWT
        /// Anything else: only the target can judge it.
        case other
    }

    var query: [String: String] = [:]
    var body: JSONValue?
    var credential: CredentialKind = .none
    var brokenByClient: [String] = []

    /// Classifies a CID222 `Authorization` value; `now` is the arrival time.
    static func classify(authorization: String?, api: APIKind, now: Double) -> CredentialKind {
        guard let value = authorization else { return .none }
        let parts = value.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", api == .cid222 else { return .other }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        if token.hasPrefix("cid_key_") { return .tenantAPIKey }
        let segments = token.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count == 3, let header = decode(segments[0]), let claims = decode(segments[1]),
            case .object = header, case .object = claims
        else { return .notAJWT }
        if header["alg"]?.stringValue?.lowercased() == "none" { return .unsignedJWT }
        // A minute of grace for clocks that differ between client, proxy and target.
        if let exp = claims["exp"]?.doubleValue, exp < now - 60 { return .expiredJWT }
        return .other
    }

    private static func decode(_ segment: Substring) -> JSONValue? {
        var base64 = segment.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64) else { return nil }
        return try? JSONValue.parse(Array(data))
    }
}
