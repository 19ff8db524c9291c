/// Compiles `pattern` keywords once per validation run.
///
/// Patterns use the standard library's `Regex` (part of the toolchain, no Foundation): with
/// Unicode-scalar semantics and ASCII-only `\d`/`\w` it behaves like ECMA-262 with the `u`
/// flag for the subset OpenAPI documents use (anchors, classes, `\d \w \s`, quantifiers,
/// groups, alternation), and `$` matches only at the very end, as in ECMA-262. Matching is
/// unanchored, as JSON Schema requires. Patterns come from our own specs, not from the
/// instance, so backtracking cost is bounded by the patterns we write.
struct PatternCache {
    private var compiled: [String: Regex<AnyRegexOutput>] = [:]

    mutating func matches(_ text: String, pattern: String, schemaPath: String) throws -> Bool {
        let regex = try compile(pattern, schemaPath: schemaPath)
        do {
            return try regex.firstMatch(in: text) != nil
        } catch {
            throw JSONSchemaError.invalidSchema(schemaPath, "pattern \(pattern) failed: \(error)")
        }
    }

    mutating func compile(_ pattern: String, schemaPath: String) throws -> Regex<AnyRegexOutput> {
        if let regex = compiled[pattern] { return regex }
        do {
            let regex = try Regex(pattern)
                .matchingSemantics(.unicodeScalar)
                .asciiOnlyDigits()
                .asciiOnlyWordCharacters()
            compiled[pattern] = regex
            return regex
        } catch {
            throw JSONSchemaError.invalidSchema(
                schemaPath, "pattern \(pattern) is not a valid regular expression")
        }
    }
}
