extension DecodingError {
    /// `at /exchanges/3/request: missing "method"`-style text instead of the raw dump: the
    /// place as an RFC 6901 pointer, then what is wrong there.
    var pointerDescription: String {
        func pointer(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "/" : path.map { "/" + ($0.intValue.map(String.init) ?? $0.stringValue) }.joined()
        }
        switch self {
        case .keyNotFound(let key, let context):
            return "at \(pointer(context.codingPath)): missing \"\(key.stringValue)\""
        case .typeMismatch(let type, let context):
            return "at \(pointer(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "at \(pointer(context.codingPath)): expected \(type), found null"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "malformed JSON" : "at \(pointer(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(self)"
        }
    }
}
