import SessionsAPI

/// A `curl` command that repeats a request, with credentials already redacted into shell
/// variables (double quotes keep `$SESSIONS_TOKEN` expandable; everything else is escaped).
public enum CurlReproducer {
    /// Bodies longer than this are described instead of inlined.
    static let maxInlineBody = 2048

    public static func command(for request: WireRequest, baseURL: String, redactor: Redactor) -> String {
        var parts = ["curl", "-sS", "-i"]
        if request.method != "GET" { parts += ["-X", request.method] }
        parts.append(quote(baseURL.trimmingTrailingSlash + request.target))
        for header in redactor.redact(request.headers) {
            parts += ["-H", quote("\(header.name): \(header.value)")]
        }
        if let body = request.body {
            if body.count > maxInlineBody {
                parts += ["--data-binary", "@<(head -c \(body.count) /dev/zero | tr '\\0' a)"]
            } else {
                parts += ["--data-binary", quote(redactor.redact(String(decoding: body, as: UTF8.self)))]
            }
        }
        return parts.joined(separator: " ")
    }

    /// Double-quotes a word for a POSIX shell, leaving `$SESSIONS_…` placeholders live.
    static func quote(_ word: String) -> String {
        var out = "\""
        var index = word.startIndex
        while index < word.endIndex {
            let c = word[index]
            if c == "$", word[index...].hasPrefix("$SESSIONS_") {
                out.append(c)
            } else if c == "\"" || c == "\\" || c == "$" || c == "`" {
                out += "\\" + String(c)
            } else {
                out.append(c)
            }
            index = word.index(after: index)
        }
        return out + "\""
    }
}
