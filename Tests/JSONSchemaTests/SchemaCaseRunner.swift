import JSONSchema
import Testing

/// Runs case tables written in the style of the official JSON-Schema-Test-Suite: an array of
/// `{"description", "schema", "tests": [{"description", "data", "valid"}]}`.
enum SchemaCaseRunner {
    static func run(_ table: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let groups: JSONValue
        do {
            groups = try JSONValue.parse(table)
        } catch {
            Issue.record("case table is not JSON: \(error)", sourceLocation: sourceLocation)
            return
        }
        guard let groupList = groups.arrayValue, !groupList.isEmpty else {
            Issue.record("case table is empty", sourceLocation: sourceLocation)
            return
        }
        for group in groupList {
            let description = group["description"]?.stringValue ?? "?"
            guard let schema = group["schema"], let tests = group["tests"]?.arrayValue, !tests.isEmpty else {
                Issue.record("malformed group \(description)", sourceLocation: sourceLocation)
                continue
            }
            let document = JSONSchemaDocument(schema)
            for test in tests {
                let name = "\(description) / \(test["description"]?.stringValue ?? "?")"
                guard let data = test["data"], let valid = test["valid"]?.boolValue else {
                    Issue.record("malformed test \(name)", sourceLocation: sourceLocation)
                    continue
                }
                do {
                    let errors = try document.validate(data, schemaAt: "")
                    #expect(errors.isEmpty == valid, "\(name): \(errors)", sourceLocation: sourceLocation)
                } catch {
                    Issue.record("\(name) threw \(error)", sourceLocation: sourceLocation)
                }
            }
        }
    }
}
