import Foundation
import SessionsAPI

/// A loaded OpenAPI document as plain Foundation JSON, with the few look-ups the structural
/// tests need. Example validation uses the `JSONSchema` module instead.
struct OpenAPIDocument {
    let api: RequirementAPI
    let root: [String: Any]

    init(api: RequirementAPI) throws {
        self.api = api
        let data = try Data(contentsOf: SpecsLocation.openAPIDocument(for: api))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw OpenAPITestError.notAnObject(api.rawValue)
        }
        root = object
    }

    /// The value at an RFC 6901 pointer such as `/components/schemas/Session`.
    func value(at pointer: String) -> Any? {
        guard pointer.hasPrefix("/") || pointer.isEmpty else { return nil }
        var node: Any = root
        for raw in pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            let token = raw.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(
                of: "~0", with: "~")
            if let object = node as? [String: Any], let next = object[token] {
                node = next
            } else if let array = node as? [Any], let index = Int(token), array.indices.contains(index) {
                node = array[index]
            } else {
                return nil
            }
        }
        return node
    }

    var operations: [(method: String, path: String, operation: [String: Any])] {
        let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
        var found: [(String, String, [String: Any])] = []
        for (path, item) in (root["paths"] as? [String: Any] ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let item = item as? [String: Any] else { continue }
            for method in methods {
                if let operation = item[method] as? [String: Any] {
                    found.append((method.uppercased(), path, operation))
                }
            }
        }
        return found
    }

    var componentSchemas: [String: Any] {
        (root["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
    }

    /// Every JSON pointer at which a schema object sits: component schemas, parameter, header and
    /// media-type schemas, and every subschema inside them.
    func schemaPointers() -> [String] {
        var pointers: [String] = []
        func escape(_ key: String) -> String {
            key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
        }
        func visitSchema(_ node: Any, _ pointer: String) {
            guard let schema = node as? [String: Any] else { return }
            pointers.append(pointer)
            for key in ["properties"] {
                for (name, sub) in schema[key] as? [String: Any] ?? [:] {
                    visitSchema(sub, "\(pointer)/\(key)/\(escape(name))")
                }
            }
            for key in ["items", "not", "additionalProperties"] where schema[key] is [String: Any] {
                visitSchema(schema[key] as Any, "\(pointer)/\(key)")
            }
            for key in ["oneOf", "anyOf", "allOf"] {
                for (index, sub) in (schema[key] as? [Any] ?? []).enumerated() {
                    visitSchema(sub, "\(pointer)/\(key)/\(index)")
                }
            }
        }
        func visitDocument(_ node: Any, _ pointer: String) {
            if let object = node as? [String: Any] {
                for (key, value) in object {
                    let next = "\(pointer)/\(escape(key))"
                    if key == "schema" {
                        visitSchema(value, next)
                    } else if pointer == "/components/schemas" {
                        visitSchema(value, next)
                    } else if !key.hasPrefix("x-") && key != "examples" && key != "example" {
                        visitDocument(value, next)
                    }
                }
            } else if let array = node as? [Any] {
                for (index, value) in array.enumerated() { visitDocument(value, "\(pointer)/\(index)") }
            }
        }
        visitDocument(root, "")
        return pointers.sorted()
    }

    /// Every `$ref` string in the document, with where it was found.
    func references() -> [(pointer: String, target: String)] {
        var found: [(String, String)] = []
        func visit(_ node: Any, _ pointer: String) {
            if let object = node as? [String: Any] {
                for (key, value) in object {
                    if key == "$ref", let target = value as? String { found.append((pointer, target)) }
                    visit(value, "\(pointer)/\(key)")
                }
            } else if let array = node as? [Any] {
                for (index, value) in array.enumerated() { visit(value, "\(pointer)/\(index)") }
            }
        }
        visit(root, "")
        return found
    }
}

enum OpenAPITestError: Error {
    case notAnObject(String)
}
