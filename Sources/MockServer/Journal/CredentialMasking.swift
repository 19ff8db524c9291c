import HTTPServer

/// Hides credentials in journaled headers, so a journal can be printed in CI logs.
enum CredentialMasking {
    /// Headers whose values are secrets (compared case-insensitively).
    static let sensitiveHeaders: [String] = [
        "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key", "Api-Key",
        "X-Auth-Token", "X-Access-Token", "X-Goog-Api-Key", "X-Amz-Security-Token",
    ]

    static let mask = "***"

    /// The headers with every sensitive value replaced; an auth scheme (`Bearer`) is kept so a
    /// reader still sees which kind of credential was sent.
    static func masked(_ headers: HTTPHeaders) -> HTTPHeaders {
        var out = HTTPHeaders()
        for field in headers {
            guard sensitiveHeaders.contains(where: { HTTPHeaders.sameName($0, field.name) }) else {
                out.add(field.name, field.value)
                continue
            }
            out.add(field.name, maskedValue(field.value))
        }
        return out
    }

    static func maskedValue(_ value: String) -> String {
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        if parts.count == 2, parts[0].utf8.allSatisfy(isSchemeByte) {
            return "\(parts[0]) \(mask)"
        }
        return mask
    }

    private static func isSchemeByte(_ byte: UInt8) -> Bool {
        (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == UInt8(ascii: "-")
    }
}
