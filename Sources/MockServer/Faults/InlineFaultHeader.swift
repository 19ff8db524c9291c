import JSONSchema

/// The `X-Mock-Fault` request header: the same effects as a registered fault, for this one
/// request, written `key=value;key=value` (`status=429;retry_after=2`, `cut_after=3`,
/// `stall_ms=5000`, `latency_ms=200`, `reset`, `malformed`). A bare key means `true`.
public enum InlineFaultHeader {
    public static let name = "X-Mock-Fault"

    /// Longest header value read; longer ones are refused rather than scanned.
    static let maxLength = 1024

    static func parse(_ value: String) throws(AdminInputError) -> FaultAction {
        let field = name
        guard value.utf8.count <= maxLength else {
            throw AdminInputError(field: field, "is longer than \(maxLength) bytes")
        }
        var object: JSONObject = [:]
        for item in value.split(separator: ";", omittingEmptySubsequences: true) {
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = pair[0].trimmingSpaces
            guard !key.isEmpty else { throw AdminInputError(field: field, "has an item without a name") }
            guard FaultAction.fieldNames.contains(key) else {
                throw AdminInputError(
                    field: field,
                    "has unknown item '\(key)'; expected one of \(FaultAction.fieldNames.sorted().joined(separator: ", "))"
                )
            }
            guard object[key] == nil else { throw AdminInputError(field: field, "repeats '\(key)'") }
            object[key] = pair.count == 2 ? typed(pair[1].trimmingSpaces) : .bool(true)
        }
        guard !object.isEmpty else { throw AdminInputError(field: field, "is empty") }
        do {
            return try FaultAction(fields: AdminFields(.object(object)))
        } catch {
            throw AdminInputError(field: field, "\(error.field) \(error.message)")
        }
    }

    /// Header text carries no types: digits read as integers, true/false as booleans.
    private static func typed(_ text: String) -> JSONValue {
        if text == "true" { return .bool(true) }
        if text == "false" { return .bool(false) }
        if let number = Int(text) { return .int(number) }
        return .string(text)
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs (header whitespace, RFC 9110 §5.6.3).
    var trimmingSpaces: String {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
