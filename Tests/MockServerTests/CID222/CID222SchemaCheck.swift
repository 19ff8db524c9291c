import Foundation
import JSONSchema
import SessionsAPI
import Testing

/// Validates CID222 responses and stream events against `Specs/cid222/openapi.json`. The
/// test client calls it on every response, so every test doubles as a schema check.
enum CID222SchemaCheck {
    /// The OpenAPI document, loaded once; nil (with a recorded issue) if it cannot be read.
    static let document: JSONSchemaDocument? = {
        guard let data = try? Data(contentsOf: SpecsLocation.openAPIDocument(for: .cid222)),
            let root = try? JSONValue.parse(Array(data))
        else { return nil }
        return JSONSchemaDocument(root)
    }()

    static let root: JSONValue? = {
        guard let data = try? Data(contentsOf: SpecsLocation.openAPIDocument(for: .cid222)) else {
            return nil
        }
        return try? JSONValue.parse(Array(data))
    }()

    /// The OpenAPI path template a request path belongs to, or nil outside the CID222 API.
    static func template(for path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.first == "sessions" else { return nil }
        switch parts.count {
        case 1: return "/sessions"
        case 2: return "/sessions/{id}"
        case 3 where parts[2] == "messages": return "/sessions/{id}/messages"
        default: return nil
        }
    }

    static func escape(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// The JSON pointer of the schema for a JSON answer, following a `$ref` to a shared
    /// response.
    static func schemaPointer(method: String, template: String, status: Int) -> String? {
        guard let root else { return nil }
        var operation = "/paths/\(escape(template))/\(method.lowercased())/responses/\(status)"
        // A method the document does not list has no operation; its 405 is the shared one.
        if root.at(pointer: operation) == nil, status == 405 {
            operation = "/components/responses/MethodNotAllowed"
        }
        guard var response = root.at(pointer: operation) else { return nil }
        var base = operation
        if let ref = response["$ref"]?.stringValue, ref.hasPrefix("#") {
            base = String(ref.dropFirst())
            guard let target = root.at(pointer: base) else { return nil }
            response = target
        }
        guard response.at(pointer: "/content/application~1json/schema") != nil else { return nil }
        return base + "/content/application~1json/schema"
    }

    /// Records an issue for each schema violation of a JSON body.
    static func checkResponse(method: String, path: String, status: Int, contentType: String?, body: [UInt8])
    {
        for problem in responseViolations(
            method: method, path: path, status: status, contentType: contentType, body: body)
        {
            Issue.record(Comment(rawValue: problem))
        }
    }

    /// Records an issue for each schema violation of a stream event payload.
    static func checkEvent(_ payload: String) {
        for problem in eventViolations(payload) {
            Issue.record(Comment(rawValue: problem))
        }
    }

    /// What is wrong with a JSON answer by the document; empty when it conforms or is not a
    /// CID222 JSON answer.
    static func responseViolations(
        method: String, path: String, status: Int, contentType: String?, body: [UInt8]
    )
        -> [String]
    {
        guard let template = template(for: path), contentType == "application/json" else { return [] }
        guard let pointer = schemaPointer(method: method, template: template, status: status) else {
            return ["no JSON schema in the OpenAPI document for \(method) \(template) \(status)"]
        }
        return violations(body, at: pointer, what: "\(method) \(path) \(status)")
    }

    /// What is wrong with one event payload by `#/components/schemas/StreamEvent`.
    static func eventViolations(_ payload: String) -> [String] {
        violations(Array(payload.utf8), at: "/components/schemas/StreamEvent", what: "event \(payload)")
    }

    private static func violations(_ bytes: [UInt8], at pointer: String, what: String) -> [String] {
        guard let document else { return ["Specs/cid222/openapi.json could not be loaded"] }
        do {
            let value = try JSONValue.parse(bytes)
            return try document.validate(value, schemaAt: pointer).map {
                "\(what) violates \(pointer): \($0)"
            }
        } catch {
            return ["\(what): cannot validate against \(pointer): \(error)"]
        }
    }
}
