/// Walks a schema and everything it reaches (subschemas, `$defs`, `$ref` targets) to prove it
/// only uses supported keywords with well-formed values, without an instance.
struct SchemaWalker {
    let document: JSONSchemaDocument
    private var visited: Set<String> = []
    private var patterns = PatternCache()

    init(document: JSONSchemaDocument) {
        self.document = document
    }

    mutating func walk(_ schema: JSONValue, schemaPath: String) throws {
        switch schema {
        case .bool:
            return
        case .object(let keywords):
            guard visited.insert(schemaPath).inserted else { return }
            for (keyword, value) in keywords {
                try check(keyword, value, at: JSONPointer.appending(keyword, to: schemaPath))
            }
        default:
            throw JSONSchemaError.invalidSchema(schemaPath, "a schema must be an object or a boolean")
        }
    }

    private mutating func check(_ keyword: String, _ value: JSONValue, at path: String) throws {
        switch keyword {
        case "$ref":
            let (target, targetPath) = try document.resolve(
                try SchemaKeywords.string(value, at: path), from: path)
            try walk(target, schemaPath: targetPath)
        case "properties", "$defs":
            for (name, subschema) in try SchemaKeywords.schemaMap(value, at: path) {
                try walk(subschema, schemaPath: JSONPointer.appending(name, to: path))
            }
        case "additionalProperties", "items", "not":
            try SchemaKeywords.schema(value, at: path)
            try walk(value, schemaPath: path)
        case "allOf", "anyOf", "oneOf", "prefixItems":
            for (index, subschema) in try SchemaKeywords.schemaArray(value, at: path).enumerated() {
                try walk(subschema, schemaPath: JSONPointer.appending(index, to: path))
            }
        case "type":
            _ = try SchemaKeywords.typeList(value, at: path)
        case "enum":
            guard value.arrayValue != nil else {
                throw JSONSchemaError.invalidSchema(path, "enum must be an array")
            }
        case "const":
            return
        case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
            _ = try SchemaKeywords.number(value, at: path)
        case "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties":
            _ = try SchemaKeywords.nonNegativeInteger(value, at: path)
        case "uniqueItems":
            _ = try SchemaKeywords.bool(value, at: path)
        case "required":
            _ = try SchemaKeywords.stringList(value, at: path)
        case "pattern":
            _ = try patterns.compile(try SchemaKeywords.string(value, at: path), schemaPath: path)
        case "format":
            _ = try SchemaKeywords.string(value, at: path)
        default:
            if SchemaKeywords.isAnnotation(keyword) { return }
            throw JSONSchemaError.unsupportedKeyword(keyword, path)
        }
    }
}
