/// Compiles `pattern` keywords once per validation run, with the module's own linear-time
/// engine (see `ECMAPattern` for why not `Regex` or `NSRegularExpression`).
struct PatternCache {
    private var compiled: [String: ECMAPattern] = [:]

    mutating func matches(_ text: String, pattern: String, schemaPath: String) throws -> Bool {
        try compile(pattern, schemaPath: schemaPath).matches(text)
    }

    mutating func compile(_ pattern: String, schemaPath: String) throws -> ECMAPattern {
        if let cached = compiled[pattern] { return cached }
        do {
            let compiledPattern = try ECMAPattern(pattern)
            compiled[pattern] = compiledPattern
            return compiledPattern
        } catch {
            throw JSONSchemaError.invalidSchema(schemaPath, "pattern \(pattern) is rejected: \(error)")
        }
    }
}
