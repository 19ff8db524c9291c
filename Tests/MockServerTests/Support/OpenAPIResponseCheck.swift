import Foundation
import JSONSchema
import SessionsAPI
import Testing

/// Validates JSON answers against one of `Specs/`'s OpenAPI documents: the request path is
/// matched to the document's path templates (`{param}` matches one segment), then the answer
/// is validated against the schema of that operation and status, following a `$ref` to a
/// shared response. A test client calls it on every answer, so every test is also a schema check.
struct OpenAPIResponseCheck: Sendable {
    let name: String
    let root: JSONValue?
    let document: JSONSchemaDocument?
    /// Path prefixes that belong to this API; other paths (admin routes) are not checked.
    let prefixes: [String]

    init(_ api: RequirementAPI, prefixes: [String]) {
        name = "Specs/\(api.rawValue)/openapi.json"
        let root = (try? Data(contentsOf: SpecsLocation.openAPIDocument(for: api))).flatMap {
            try? JSONValue.parse(Array($0))
        }
        self.root = root
        document = root.map(JSONSchemaDocument.init)
        self.prefixes = prefixes
    }

    /// Records an issue for each way a JSON answer breaks the document.
    func check(method: String, path: String, status: Int, contentType: String?, body: [UInt8]) {
        for problem in violations(
            method: method, path: path, status: status, contentType: contentType, body: body)
        {
            Issue.record(Comment(rawValue: problem))
        }
    }

    /// What is wrong with a JSON answer; empty when it conforms, or is not JSON of this API.
    func violations(method: String, path: String, status: Int, contentType: String?, body: [UInt8])
        -> [String]
    {
        guard prefixes.contains(where: { path == $0 || path.hasPrefix($0 + "/") }),
            contentType?.hasPrefix("application/json") == true
        else { return [] }
        guard let root, let document else { return ["\(name) could not be loaded"] }
        guard let pointer = schemaPointer(root: root, method: method, path: path, status: status) else {
            return ["\(name) has no JSON schema for \(method) \(path) \(status)"]
        }
        do {
            let value = try JSONValue.parse(body)
            return try document.validate(value, schemaAt: pointer).map {
                "\(method) \(path) \(status) violates \(pointer): \($0)"
            }
        } catch {
            return ["\(method) \(path) \(status): cannot validate against \(pointer): \(error)"]
        }
    }

    private func schemaPointer(root: JSONValue, method: String, path: String, status: Int) -> String? {
        let template = root["paths"]?.objectValue?.keys.first { Self.matches($0, path) }
        var operation: String?
        if let template {
            let candidate =
                "/paths/\(JSONPointer.escape(template))/\(method.lowercased())/responses/\(status)"
            if root.at(pointer: candidate) != nil { operation = candidate }
        }
        // An unknown path or a method the document does not list is answered by the shared
        // responses (404 and 405).
        if operation == nil, status == 404 || status == 405 {
            operation =
                status == 404 ? "/components/responses/NotFound" : "/components/responses/MethodNotAllowed"
        }
        guard let operation, var response = root.at(pointer: operation) else { return nil }
        var base = operation
        if let ref = response["$ref"]?.stringValue, ref.hasPrefix("#") {
            base = String(ref.dropFirst())
            guard let target = root.at(pointer: base) else { return nil }
            response = target
        }
        guard response.at(pointer: "/content/application~1json/schema") != nil else { return nil }
        return base + "/content/application~1json/schema"
    }

    static func matches(_ template: String, _ path: String) -> Bool {
        let t = template.split(separator: "/", omittingEmptySubsequences: true)
        let p = path.split(separator: "/", omittingEmptySubsequences: true)
        guard t.count == p.count else { return false }
        return zip(t, p).allSatisfy { $0.hasPrefix("{") && $0.hasSuffix("}") || $0 == $1 }
    }
}
