/// Rewrites the parts of a text that legitimately differ between two runs of the same
/// behaviour: ids become `<uuid#1>`, `<sess#2>`, `<msg#3>` (numbered by first appearance,
/// so one id always maps to one name and a swapped id shows), RFC 3339 times become
/// `<time>`, and credentials (JWTs, API keys, the recorder's `$SESSIONS_…` placeholders)
/// become `<credential>`.
///
/// One instance per transcript side: the numbering is what makes ids comparable.
public struct VolatileText: Sendable {
    private var names: [String: String] = [:]

    public init() {}

    public mutating func normalize(_ text: String) -> String {
        // Regex matching is slow; most strings hold none of the markers, so look first.
        var result = text
        if result.contains("$SESSIONS_") { result = result.replacing(Self.placeholder, with: "<credential>") }
        if result.contains("eyJ") { result = result.replacing(Self.jwt, with: "<credential>") }
        if result.contains("sk_") || result.contains("cid_key_") {
            result = result.replacing(Self.apiKey, with: "<credential>")
        }
        if result.contains(":") { result = result.replacing(Self.timestamp, with: "<time>") }
        if result.contains("-") {
            result = result.replacing(Self.uuid) { match in self.name(for: String(match.output), kind: "uuid")
            }
        }
        if result.contains("sess_") || result.contains("msg_") {
            result = result.replacing(Self.prefixedID) { match in
                self.name(for: String(match.output.0), kind: String(match.output.1))
            }
        }
        return result
    }

    private mutating func name(for id: String, kind: String) -> String {
        if let known = names[id] { return known }
        let name = "<\(kind)#\(names.count + 1)>"
        names[id] = name
        return name
    }

    // Literals are checked when compiling, so none can fail at run time; computed because
    // `Regex` is not Sendable and so cannot be a shared constant.
    private static var placeholder: Regex<Substring> { /<[a-z-]+ \$SESSIONS_[A-Z_]+>|\$SESSIONS_[A-Z_]+/ }
    private static var jwt: Regex<Substring> { /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/ }
    private static var apiKey: Regex<Substring> { /(?:sk_test_|sk_live_|cid_key_)[A-Za-z0-9_]+/ }
    private static var timestamp: Regex<Substring> {
        /[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:[0-9]{2})/
    }
    private static var uuid: Regex<Substring> {
        /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/
    }
    private static var prefixedID: Regex<(Substring, Substring)> {
        /(sess|msg)_[A-Za-z0-9]{24}(?![A-Za-z0-9])/
    }
}
