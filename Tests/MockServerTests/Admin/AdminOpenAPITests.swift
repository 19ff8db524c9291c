import Foundation
import HTTPServer
import JSONSchema
import Testing

@testable import MockServer

/// `Specs/admin/openapi.json` stays within the JSON Schema subset our JSONSchema module
/// supports, every `$ref` resolves, and every operation it describes is served.
@Suite("Admin OpenAPI document")
struct AdminOpenAPITests {
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Specs/admin/openapi.json")

    static let schemaKeywords: Set<String> = [
        "type", "properties", "required", "additionalProperties", "items", "enum", "const", "minimum",
        "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems", "pattern",
        "format", "oneOf", "anyOf", "allOf", "not", "$ref", "description", "title", "example", "examples",
        "default",
    ]

    static func document() throws -> JSONValue {
        try AdminBody.parse(Array(try Data(contentsOf: url)))
    }

    /// Walks a schema, reporting keywords outside the supported set (property names excepted).
    static func unsupported(in schema: JSONValue, at pointer: String) -> [String] {
        guard case .object(let object) = schema else { return [] }
        var out: [String] = []
        for (key, value) in object {
            if !schemaKeywords.contains(key) && !key.hasPrefix("x-") { out.append("\(pointer)/\(key)") }
            switch key {
            case "properties":
                if case .object(let properties) = value {
                    for (name, sub) in properties {
                        out += unsupported(in: sub, at: "\(pointer)/properties/\(name)")
                    }
                }
            case "items", "additionalProperties", "not":
                out += unsupported(in: value, at: "\(pointer)/\(key)")
            case "oneOf", "anyOf", "allOf":
                for (i, sub) in (value.array ?? []).enumerated() {
                    out += unsupported(in: sub, at: "\(pointer)/\(key)/\(i)")
                }
            default: break
            }
        }
        return out
    }

    static func references(in value: JSONValue) -> [String] {
        switch value {
        case .object(let object):
            return (object["$ref"]?.string.map { [$0] } ?? []) + object.values.flatMap(references)
        case .array(let items): return items.flatMap(references)
        default: return []
        }
    }

    static func resolve(_ pointer: String, in document: JSONValue) -> JSONValue? {
        guard pointer.hasPrefix("#/") else { return nil }
        var node: JSONValue? = document
        for part in pointer.dropFirst(2).split(separator: "/") { node = node?[String(part)] }
        return node
    }

    @Test("it is OpenAPI 3.1 and its schemas use only supported keywords")
    func keywords() throws {
        let document = try Self.document()
        #expect(document["openapi"]?.string == "3.1.0")
        guard case .object(let schemas)? = document["components"]?["schemas"] else {
            Issue.record("no components/schemas")
            return
        }
        for (name, schema) in schemas {
            #expect(Self.unsupported(in: schema, at: name).isEmpty)
            #expect(schema["description"]?.string?.isEmpty == false, "\(name) has no description")
        }
    }

    @Test("every local $ref resolves")
    func references() throws {
        let document = try Self.document()
        let refs = Self.references(in: document)
        #expect(refs.count > 10)
        for ref in refs { #expect(Self.resolve(ref, in: document) != nil, "\(ref)") }
    }

    @Test("every described operation is routed by the mock")
    func operationsAreServed() async throws {
        let document = try Self.document()
        guard case .object(let paths)? = document["paths"] else {
            Issue.record("no paths")
            return
        }
        let handler = MockServer.makeHandler(environment: MockEnvironment(options: MockOptions()))
        var count = 0
        for (path, item) in paths {
            guard case .object(let operations) = item else { continue }
            for method in operations.keys {
                count += 1
                let target = path.replacingOccurrences(of: "{id}", with: "x")
                let response = await handler(AdminTest.request(method.uppercased(), target))
                let bytes = await AdminTest.collect(response).bytes
                let message = bytes.isEmpty ? "" : (try AdminBody.parse(bytes))["message"]?.string ?? ""
                #expect(response.status != 405 && !message.hasPrefix("No route"), "\(method) \(path)")
            }
        }
        #expect(count >= 15)
    }
}
