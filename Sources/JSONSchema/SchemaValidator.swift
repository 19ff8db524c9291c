/// Evaluates one instance against a schema, collecting every error. Created per `validate`
/// call: it carries the `$ref` guard and compiled patterns for that call only.
struct SchemaValidator {
    let document: JSONSchemaDocument
    /// `$ref` targets being evaluated, each with the instance location it was entered at: seeing
    /// the same pair again means a loop that never consumes input.
    private var activeReferences: Set<String> = []
    private var depth = 0
    var patterns = PatternCache()

    /// How deeply evaluation (subschemas and `$ref` hops together) may nest.
    static let maximumDepth = 512

    init(document: JSONSchemaDocument) {
        self.document = document
    }

    mutating func validate(
        _ instance: JSONValue, schema: JSONValue, schemaPath: String, instancePath: String,
        errors: inout [SchemaValidationError]
    ) throws {
        switch schema {
        case .bool(true):
            return
        case .bool(false):
            errors.append(
                .init(instancePath: instancePath, schemaPath: schemaPath, message: "no value is allowed here")
            )
            return
        case .object(let keywords):
            guard depth < Self.maximumDepth else { throw JSONSchemaError.nestingTooDeep(schemaPath) }
            depth += 1
            defer { depth -= 1 }
            let context = Context(
                instance: instance, schema: keywords, schemaPath: schemaPath, instancePath: instancePath)
            for (keyword, value) in keywords {
                try apply(keyword, value, context, errors: &errors)
            }
        default:
            throw JSONSchemaError.invalidSchema(schemaPath, "a schema must be an object or a boolean")
        }
    }

    /// Where a keyword is being applied.
    struct Context {
        let instance: JSONValue
        let schema: JSONObject
        let schemaPath: String
        let instancePath: String

        func keywordPath(_ keyword: String) -> String { JSONPointer.appending(keyword, to: schemaPath) }

        func error(_ keyword: String, _ message: String) -> SchemaValidationError {
            SchemaValidationError(
                instancePath: instancePath, schemaPath: keywordPath(keyword), message: message)
        }
    }

    private mutating func apply(
        _ keyword: String, _ value: JSONValue, _ context: Context, errors: inout [SchemaValidationError]
    ) throws {
        let path = context.keywordPath(keyword)
        switch keyword {
        case "$ref":
            try applyReference(value, context, errors: &errors)
        case "properties":
            try applyProperties(value, context, errors: &errors)
        case "additionalProperties":
            try applyAdditionalProperties(value, context, errors: &errors)
        case "required":
            let names = try SchemaKeywords.stringList(value, at: path)
            guard case .object(let object) = context.instance else { return }
            for name in names where !object.contains(name) {
                errors.append(context.error(keyword, "missing required property \"\(name)\""))
            }
        case "prefixItems", "items":
            try applyItems(keyword, value, context, errors: &errors)
        case "allOf":
            for (index, subschema) in try SchemaKeywords.schemaArray(value, at: path).enumerated() {
                try validate(
                    context.instance, schema: subschema, schemaPath: JSONPointer.appending(index, to: path),
                    instancePath: context.instancePath, errors: &errors)
            }
        case "anyOf", "oneOf":
            try applyAlternatives(keyword, value, context, errors: &errors)
        case "not":
            try SchemaKeywords.schema(value, at: path)
            var branchErrors: [SchemaValidationError] = []
            try validate(
                context.instance, schema: value, schemaPath: path, instancePath: context.instancePath,
                errors: &branchErrors)
            if branchErrors.isEmpty {
                errors.append(context.error(keyword, "value must not match the schema in \"not\""))
            }
        default:
            if SchemaKeywords.isAnnotation(keyword) { return }
            guard let failure = try assertion(keyword, value, context) else { return }
            errors.append(failure)
        }
    }

    private mutating func applyReference(
        _ value: JSONValue, _ context: Context, errors: inout [SchemaValidationError]
    ) throws {
        let path = context.keywordPath("$ref")
        let reference = try SchemaKeywords.string(value, at: path)
        let (target, targetPath) = try document.resolve(reference, from: path)
        let visit = targetPath + "\u{0}" + context.instancePath
        guard activeReferences.insert(visit).inserted else { throw JSONSchemaError.referenceCycle(path) }
        defer { activeReferences.remove(visit) }
        try validate(
            context.instance, schema: target, schemaPath: targetPath, instancePath: context.instancePath,
            errors: &errors)
    }

    private mutating func applyProperties(
        _ value: JSONValue, _ context: Context, errors: inout [SchemaValidationError]
    ) throws {
        let path = context.keywordPath("properties")
        let properties = try SchemaKeywords.schemaMap(value, at: path)
        guard case .object(let object) = context.instance else { return }
        for (name, subschema) in properties {
            guard let member = object[name] else { continue }
            try validate(
                member, schema: subschema, schemaPath: JSONPointer.appending(name, to: path),
                instancePath: JSONPointer.appending(name, to: context.instancePath), errors: &errors)
        }
    }

    private mutating func applyAdditionalProperties(
        _ value: JSONValue, _ context: Context, errors: inout [SchemaValidationError]
    ) throws {
        let path = context.keywordPath("additionalProperties")
        try SchemaKeywords.schema(value, at: path)
        guard case .object(let object) = context.instance else { return }
        let declared = context.schema["properties"]?.objectValue ?? JSONObject()
        for (name, member) in object where !declared.contains(name) {
            let memberPath = JSONPointer.appending(name, to: context.instancePath)
            if value == .bool(false) {
                errors.append(
                    .init(
                        instancePath: memberPath, schemaPath: path,
                        message: "property \"\(name)\" is not allowed"))
            } else {
                try validate(
                    member, schema: value, schemaPath: path, instancePath: memberPath, errors: &errors)
            }
        }
    }

    private mutating func applyItems(
        _ keyword: String, _ value: JSONValue, _ context: Context, errors: inout [SchemaValidationError]
    ) throws {
        let path = context.keywordPath(keyword)
        let schemas: [JSONValue]
        var firstIndex = 0
        if keyword == "prefixItems" {
            schemas = try SchemaKeywords.schemaArray(value, at: path)
        } else {
            try SchemaKeywords.schema(value, at: path)
            schemas = []
            firstIndex = context.schema["prefixItems"]?.arrayValue?.count ?? 0
        }
        guard case .array(let elements) = context.instance else { return }
        for (index, element) in elements.enumerated() where index >= firstIndex {
            let subschema: JSONValue
            let subschemaPath: String
            if keyword == "prefixItems" {
                guard index < schemas.count else { break }
                subschema = schemas[index]
                subschemaPath = JSONPointer.appending(index, to: path)
            } else {
                subschema = value
                subschemaPath = path
            }
            try validate(
                element, schema: subschema, schemaPath: subschemaPath,
                instancePath: JSONPointer.appending(index, to: context.instancePath), errors: &errors)
        }
    }

    private mutating func applyAlternatives(
        _ keyword: String, _ value: JSONValue, _ context: Context, errors: inout [SchemaValidationError]
    ) throws {
        let path = context.keywordPath(keyword)
        let branches = try SchemaKeywords.schemaArray(value, at: path)
        var matching: [Int] = []
        var closest: [SchemaValidationError]?
        for (index, branch) in branches.enumerated() {
            var branchErrors: [SchemaValidationError] = []
            try validate(
                context.instance, schema: branch, schemaPath: JSONPointer.appending(index, to: path),
                instancePath: context.instancePath, errors: &branchErrors)
            if branchErrors.isEmpty {
                matching.append(index)
                if keyword == "anyOf" { return }
            } else if closest.map({ branchErrors.count < $0.count }) ?? true {
                closest = branchErrors
            }
        }
        if matching.isEmpty {
            var message = "value matches none of the \(branches.count) schemas in \"\(keyword)\""
            if let first = closest?.first { message += "; closest failure: \(first)" }
            errors.append(context.error(keyword, message))
        } else if keyword == "oneOf" && matching.count > 1 {
            let list = matching.map(String.init).joined(separator: ", ")
            errors.append(
                context.error(keyword, "value matches schemas \(list) in \"oneOf\"; exactly one must match"))
        }
    }
}
