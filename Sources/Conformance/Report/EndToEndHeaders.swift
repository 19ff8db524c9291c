import Foundation
import SessionsAPI

/// Separates the header fields a response means for its client from those that describe one
/// hop of its transport (RFC 9110 §7.6.1 and the fields a server adds per connection), and
/// puts them in one order, so a transcript reads the same whether it came over TCP (where
/// URLSession hands headers over as a dictionary, losing their order) or from a handler.
public enum EndToEndHeaders {
    /// Fields that belong to the connection or the server process, never to the answer:
    /// framing (`Content-Length`, `Transfer-Encoding`), connection management, and the
    /// per-send `Date` and `Server`.
    public static let transportFieldNames: Set<String> = [
        "connection", "content-length", "date", "keep-alive", "proxy-connection", "server", "te",
        "trailer", "transfer-encoding", "upgrade",
    ]

    /// `headers` without transport fields and without any field the `Connection` header names
    /// as hop-by-hop; order and repeats of the rest are kept.
    public static func filter(_ headers: [WireHeader]) -> [WireHeader] {
        var dropped = transportFieldNames
        for header in headers where header.name.lowercased() == "connection" {
            for option in header.value.split(separator: ",") {
                let name = option.trimmingCharacters(in: .whitespaces).lowercased()
                if !name.isEmpty { dropped.insert(name) }
            }
        }
        return headers.filter { !dropped.contains($0.name.lowercased()) }
    }

    /// The end-to-end fields of `headers` ordered by case-insensitive name; fields of one
    /// name keep their relative order, which is all HTTP gives meaning to (RFC 9110 §5.3).
    public static func recorded(_ headers: [WireHeader]) -> [WireHeader] {
        filter(headers).enumerated()
            .sorted { a, b in
                let (left, right) = (a.element.name.lowercased(), b.element.name.lowercased())
                return left == right ? a.offset < b.offset : left < right
            }
            .map(\.element)
    }
}
