import Foundation
import HTTPServer
import JSONSchema
import SessionsAPI

/// What a live request must share with a recorded one to be answered by it.
///
/// Method and path must be equal (recorded ids are served back as they were recorded, so a
/// client's later paths carry them literally), the query items equal as a set, and the
/// bodies equal: as JSON values when both parse (key order and number spelling ignored),
/// as text otherwise. Credentials are never compared: transcripts hold placeholders. The
/// media type and whether credentials were sent only break ties between equal candidates.
struct ReplayRequestPattern: Sendable, Equatable {
    enum Body: Sendable, Equatable {
        case none
        case json(JSONValue)
        case text(String)
        /// The recorder kept only the size of a large body.
        case size(Int)
    }

    var method: String
    var path: String
    var query: [String]
    var body: Body
    var mediaType: String?
    var hasCredentials: Bool

    /// `METHOD path`: the bucket candidates are looked up in.
    var routeKey: String { method + " " + path }

    init(recorded request: RecordedExchange.Request) {
        let parsed = HTTPRequest(method: request.method, target: request.target)
        method = request.method
        path = parsed.path
        query = Self.canonicalQuery(parsed.queryItems)
        body = Self.recordedBody(request.body)
        let headers = HTTPHeaders(request.headers.map { ($0.name, $0.value) })
        mediaType = Self.mediaType(headers["Content-Type"])
        hasCredentials = headers.contains("Authorization")
    }

    init(live request: HTTPRequest) {
        method = request.method
        path = request.path
        query = Self.canonicalQuery(request.queryItems)
        if request.body.isEmpty {
            body = .none
        } else if let value = try? JSONValue.parse(request.body) {
            body = .json(value)
        } else {
            body = .text(String(decoding: request.body, as: UTF8.self))
        }
        mediaType = Self.mediaType(request.headers["Content-Type"])
        hasCredentials = request.headers.contains("Authorization")
    }

    /// Why `live` is not this recorded request, or nil when it matches.
    func mismatch(_ live: ReplayRequestPattern, liveBodySize: Int) -> String? {
        if method != live.method { return "method \(live.method) was recorded as \(method)" }
        if path != live.path { return Self.pathDifference(recorded: path, live: live.path) }
        if query != live.query {
            return
                "query '\(live.query.joined(separator: "&"))' was recorded as '\(query.joined(separator: "&"))'"
        }
        return bodyMismatch(live.body, liveBodySize: liveBodySize)
    }

    /// True when the tie-breaking details agree as well.
    func sameVariant(_ live: ReplayRequestPattern) -> Bool {
        mediaType == live.mediaType && hasCredentials == live.hasCredentials
    }

    private func bodyMismatch(_ live: Body, liveBodySize: Int) -> String? {
        switch (body, live) {
        case (.none, .none): return nil
        case (.size(let n), _):
            return n == liveBodySize ? nil : "body of \(liveBodySize) bytes was recorded with \(n) bytes"
        case (.json(let recorded), .json(let sent)):
            return JSONMismatch.first(recorded: recorded, live: sent).map { "body differs at \($0)" }
        case (.text(let recorded), .text(let sent)):
            return recorded == sent ? nil : "body text differs"
        case (.none, _): return "a body was sent where the recording has none"
        case (_, .none): return "no body was sent where the recording has one"
        default: return "body is JSON on one side and not on the other"
        }
    }

    private static func recordedBody(_ text: String?) -> Body {
        guard let text, !text.isEmpty else { return .none }
        if text.hasPrefix("<"), text.hasSuffix(" bytes>"),
            let size = Int(text.dropFirst().dropLast(" bytes>".count))
        {
            return .size(size)
        }
        if let value = try? JSONValue.parse(text) { return .json(value) }
        return .text(text)
    }

    private static func canonicalQuery(_ items: [QueryItem]) -> [String] {
        items.map { $0.name + "=" + $0.value }.sorted()
    }

    private static func mediaType(_ value: String?) -> String? {
        guard let value else { return nil }
        let type = value.split(separator: ";", maxSplits: 1).first.map(String.init) ?? value
        return type.trimmingCharacters(in: .whitespaces).lowercased()
    }

    private static func pathDifference(recorded: String, live: String) -> String {
        let a = recorded.split(separator: "/", omittingEmptySubsequences: false)
        let b = live.split(separator: "/", omittingEmptySubsequences: false)
        for (position, (x, y)) in zip(a, b).enumerated() where x != y {
            return "path segment \(position) '\(y)' was recorded as '\(x)'"
        }
        return "path \(live) was recorded as \(recorded)"
    }
}
