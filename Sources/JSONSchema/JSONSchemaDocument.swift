/// A JSON document holding schemas (an OpenAPI 3.1 document, or a bare JSON Schema), and a
/// validator for the JSON Schema 2020-12 subset it uses.
///
/// Supported assertions: `type`, `enum`, `const`, `minimum`, `maximum`, `exclusiveMinimum`,
/// `exclusiveMaximum`, `minLength`, `maxLength` (in code points), `pattern`, `format`
/// (`date-time` and `uuid` asserted, other formats ignored), `minItems`, `maxItems`,
/// `uniqueItems`, `required`, `minProperties`, `maxProperties`. Applicators: `properties`,
/// `additionalProperties`, `prefixItems`, `items`, `allOf`, `anyOf`, `oneOf`, `not`, and `$ref`
/// to a JSON pointer inside the same document (`#/components/schemas/X`, `#/$defs/X`).
/// Annotations (`title`, `description`, `default`, `x-…`, …) are ignored; any other keyword
/// raises `JSONSchemaError.unsupportedKeyword`.
public struct JSONSchemaDocument: Sendable {
    /// The whole document.
    public let root: JSONValue

    /// Wraps a document; schemas are looked up inside it by JSON pointer.
    public init(_ root: JSONValue) {
        self.root = root
    }

    /// Validates `value` against the schema at `pointer` and returns every failure found.
    /// - Parameters:
    ///   - value: The instance.
    ///   - pointer: JSON pointer of the schema in the document: `""` (the root),
    ///     `/components/schemas/Session` or the fragment form `#/components/schemas/Session`.
    /// - Returns: All errors, in document order of the keywords; empty when the value is valid.
    /// - Throws: `JSONSchemaError` when the schema cannot be evaluated (unknown keyword,
    ///   unresolvable or cyclic `$ref`, malformed keyword value).
    public func validate(_ value: JSONValue, schemaAt pointer: String = "") throws -> [SchemaValidationError]
    {
        let (schema, path) = try resolve(pointer, from: "")
        var validator = SchemaValidator(document: self)
        var errors: [SchemaValidationError] = []
        try validator.validate(value, schema: schema, schemaPath: path, instancePath: "", errors: &errors)
        return errors
    }

    /// Whether `value` is valid against the schema at `pointer`. See `validate(_:schemaAt:)`.
    public func isValid(_ value: JSONValue, schemaAt pointer: String = "") throws -> Bool {
        try validate(value, schemaAt: pointer).isEmpty
    }

    /// Walks the schema at `pointer`, its subschemas and every schema its `$ref`s reach, and
    /// throws on the first unsupported keyword, malformed keyword value or unresolvable
    /// reference, without needing an instance.
    public func checkSupported(schemaAt pointer: String = "") throws {
        let (schema, path) = try resolve(pointer, from: "")
        var walker = SchemaWalker(document: self)
        try walker.walk(schema, schemaPath: path)
    }

    /// Resolves a local reference or pointer to a schema and its canonical JSON pointer.
    func resolve(_ reference: String, from schemaPath: String) throws -> (JSONValue, String) {
        guard reference.isEmpty || reference.hasPrefix("#") || reference.hasPrefix("/"),
            let tokens = JSONPointer.tokens(of: reference)
        else {
            throw JSONSchemaError.unresolvableReference(reference, schemaPath)
        }
        let canonical = tokens.reduce("") { JSONPointer.appending($1, to: $0) }
        guard let schema = root.at(pointer: canonical) else {
            throw JSONSchemaError.unresolvableReference(reference, schemaPath)
        }
        return (schema, canonical)
    }
}
