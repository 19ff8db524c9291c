import JSONSchema
import Testing

/// Runs case tables written in the style of the official JSON-Schema-Test-Suite: an array of
/// `{"description", "schema", "tests": [{"description", "data", "valid"}]}`.
enum SchemaCaseRunner {
    /// Records an issue for every case whose outcome differs from its `valid`.
    static func run(_ table: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for problem in mismatches(table) {
            Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation)
        }
    }

    /// Every case whose outcome differs from its `valid`, and every malformed part of the
    /// table; empty when the table passes.
    static func mismatches(_ table: String) -> [String] {
        let groups: JSONValue
        do {
            groups = try JSONValue.parse(table)
        } catch {
            return ["case table is not JSON: \(error)"]
        }
        guard let groupList = groups.arrayValue, !groupList.isEmpty else { return ["case table is empty"] }
        var problems: [String] = []
        for group in groupList {
            let description = group["description"]?.stringValue ?? "?"
            guard let schema = group["schema"], let tests = group["tests"]?.arrayValue, !tests.isEmpty else {
                problems.append("malformed group \(description)")
                continue
            }
            let document = JSONSchemaDocument(schema)
            for test in tests {
                let name = "\(description) / \(test["description"]?.stringValue ?? "?")"
                guard let data = test["data"], let valid = test["valid"]?.boolValue else {
                    problems.append("malformed test \(name)")
                    continue
                }
                do {
                    let errors = try document.validate(data, schemaAt: "")
                    if errors.isEmpty != valid {
                        problems.append("\(name): expected \(valid ? "valid" : "invalid"), errors: \(errors)")
                    }
                } catch {
                    problems.append("\(name) threw \(error)")
                }
            }
        }
        return problems
    }
}
