import Foundation
import JSONSchema
import SessionsAPI

/// Fills a request template with the run's variables and credentials.
struct RequestBuilder {
    let resolver: CredentialResolver
    let namespace: String

    static let namespaceHeader = "X-Mock-Namespace"

    func build(_ template: RequestTemplate, variables: Variables) throws -> WireRequest {
        var target = try variables.substitute(text: template.path)
        if !template.query.isEmpty {
            let pairs = try template.query.map { name, value in
                Self.percentEncode(name) + "=" + Self.percentEncode(try variables.substitute(text: value))
            }
            target += "?" + pairs.joined(separator: "&")
        }
        var headers: [WireHeader] = [WireHeader(name: Self.namespaceHeader, value: namespace)]
        if let authorization = try resolver.authorization(for: template.identity) {
            headers.append(WireHeader(name: "Authorization", value: authorization))
        }
        var body: [UInt8]?
        switch template.body {
        case .none:
            break
        case .json(let value):
            body = Array(try variables.substitute(value).serialized(sortedKeys: true, pretty: false).utf8)
        case .raw(let text):
            body = Array(try variables.substitute(text: text).utf8)
        case .oversized(let field, let bytes):
            body = Array("{\"\(field)\":\"".utf8) + [UInt8](repeating: 0x61, count: bytes) + Array("\"}".utf8)
        }
        if body != nil, !template.headers.contains(where: { $0.name.lowercased() == "content-type" }) {
            headers.append(WireHeader(name: "Content-Type", value: "application/json"))
        }
        for (name, value) in template.headers {
            headers.removeAll { $0.name.caseInsensitiveCompare(name) == .orderedSame }
            // An empty value in a scenario means: send no such header at all.
            if !value.isEmpty {
                headers.append(WireHeader(name: name, value: try variables.substitute(text: value)))
            }
        }
        return WireRequest(method: template.method, target: target, headers: headers, body: body)
    }

    /// RFC 3986 unreserved characters stay; everything else is percent-encoded.
    static func percentEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let c = Character(UnicodeScalar(byte))
            if byte < 0x80, c.isLetter || c.isNumber || "-._~".contains(c) {
                out.append(c)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
