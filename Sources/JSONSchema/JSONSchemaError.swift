/// A problem with the schema itself (not with the instance): validation cannot be trusted.
public enum JSONSchemaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A keyword this validator does not implement; `(keyword, schemaPath)`. Raised rather
    /// than silently passing, so a schema never validates less than it says.
    case unsupportedKeyword(String, String)
    /// A `$ref` that is not a local pointer into this document, or points nowhere;
    /// `(reference, schemaPath)`.
    case unresolvableReference(String, String)
    /// A keyword whose value has the wrong shape (e.g. `minLength: "3"`); `(schemaPath, reason)`.
    case invalidSchema(String, String)
    /// `$ref`s that lead back to themselves without moving into the instance; the schema path
    /// of the `$ref` that closed the loop.
    case referenceCycle(String)
    /// Evaluation nested deeper than the validator allows; the schema path where it stopped.
    case nestingTooDeep(String)

    public var description: String {
        switch self {
        case .unsupportedKeyword(let keyword, let path):
            return "unsupported JSON Schema keyword \"\(keyword)\" at \(path)"
        case .unresolvableReference(let reference, let path):
            return "cannot resolve $ref \"\(reference)\" at \(path)"
        case .invalidSchema(let path, let reason):
            return "invalid schema at \(path): \(reason)"
        case .referenceCycle(let path):
            return "$ref cycle that never consumes input, closed at \(path)"
        case .nestingTooDeep(let path):
            return "schema evaluation nested too deeply at \(path)"
        }
    }
}
