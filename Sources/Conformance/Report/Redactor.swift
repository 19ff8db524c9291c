import Foundation
import SessionsAPI

/// Replaces every credential (and every value derived from one) with the shell variable a
/// user would keep it in, so reports, transcripts and curl commands can be shared.
public struct Redactor: Sendable {
    private let replacements: [(secret: String, placeholder: String)]

    public init(credentials: Credentials) {
        var pairs: [(String, String)] = []
        func add(_ secret: String?, _ placeholder: String, api: APIKind) {
            guard let secret, secret.count >= 4 else { return }
            pairs.append((secret, placeholder))
            if api == .cid222 {
                pairs.append((CredentialResolver.forge(secret, api: api), "<forged \(placeholder)>"))
                if let unsigned = CredentialResolver.unsigned(secret) {
                    pairs.append((unsigned, "<alg-none \(placeholder)>"))
                }
            }
        }
        add(credentials.token, "$SESSIONS_TOKEN", api: .cid222)
        add(credentials.tokenB, "$SESSIONS_TOKEN_B", api: .cid222)
        add(credentials.expiredToken, "$SESSIONS_EXPIRED_TOKEN", api: .cid222)
        add(credentials.claimlessToken, "$SESSIONS_CLAIMLESS_TOKEN", api: .cid222)
        add(credentials.apiKey, "$SESSIONS_API_KEY", api: .konnect)
        add(credentials.apiKeyB, "$SESSIONS_API_KEY_B", api: .konnect)
        // Longest first, so a derived value is replaced before the secret inside it.
        replacements = pairs.sorted { $0.0.count > $1.0.count }.map { (secret: $0.0, placeholder: $0.1) }
    }

    public func redact(_ text: String) -> String {
        var result = text
        for (secret, placeholder) in replacements where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: placeholder)
        }
        return result
    }

    public func redact(_ headers: [WireHeader]) -> [WireHeader] {
        headers.map { WireHeader(name: $0.name, value: redact($0.value)) }
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.range(of: target) {
            result += rest[rest.startIndex..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
