extension SchemaValidator {
    /// Applies a keyword that checks the instance without descending into it; returns the
    /// failure, if any. Throws for keywords outside the supported vocabulary.
    mutating func assertion(_ keyword: String, _ value: JSONValue, _ context: Context) throws
        -> SchemaValidationError?
    {
        let path = context.keywordPath(keyword)
        let instance = context.instance
        switch keyword {
        case "type":
            let names = try SchemaKeywords.typeList(value, at: path)
            if names.contains(where: { Self.instance(instance, hasType: $0) }) { return nil }
            let expected = names.count == 1 ? names[0] : "one of " + names.joined(separator: ", ")
            return context.error(keyword, "expected \(expected), got \(instance.typeName)")
        case "enum":
            guard let options = value.arrayValue else {
                throw JSONSchemaError.invalidSchema(path, "enum must be an array")
            }
            if options.contains(instance) { return nil }
            return context.error(
                keyword,
                "value \(SchemaKeywords.describe(instance)) is not one of \(SchemaKeywords.describe(value))")
        case "const":
            if instance == value { return nil }
            return context.error(keyword, "value must be \(SchemaKeywords.describe(value))")
        case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
            return try numericBound(keyword, value, context)
        case "minLength", "maxLength":
            let limit = try SchemaKeywords.nonNegativeInteger(value, at: path)
            guard case .string(let text) = instance else { return nil }
            let length = text.unicodeScalars.count
            if keyword == "minLength" ? length >= limit : length <= limit { return nil }
            let bound = keyword == "minLength" ? "at least" : "at most"
            return context.error(keyword, "string has \(length) characters, expected \(bound) \(limit)")
        case "minItems", "maxItems":
            let limit = try SchemaKeywords.nonNegativeInteger(value, at: path)
            guard case .array(let elements) = instance else { return nil }
            if keyword == "minItems" ? elements.count >= limit : elements.count <= limit { return nil }
            let bound = keyword == "minItems" ? "at least" : "at most"
            return context.error(keyword, "array has \(elements.count) items, expected \(bound) \(limit)")
        case "minProperties", "maxProperties":
            let limit = try SchemaKeywords.nonNegativeInteger(value, at: path)
            guard case .object(let object) = instance else { return nil }
            if keyword == "minProperties" ? object.count >= limit : object.count <= limit { return nil }
            let bound = keyword == "minProperties" ? "at least" : "at most"
            return context.error(keyword, "object has \(object.count) properties, expected \(bound) \(limit)")
        case "uniqueItems":
            guard try SchemaKeywords.bool(value, at: path), case .array(let elements) = instance else {
                return nil
            }
            var seen: Set<JSONValue> = []
            for element in elements where !seen.insert(element).inserted {
                return context.error(
                    keyword, "array items must be unique; \(SchemaKeywords.describe(element)) repeats")
            }
            return nil
        case "pattern":
            let pattern = try SchemaKeywords.string(value, at: path)
            guard case .string(let text) = instance else { return nil }
            if try patterns.matches(text, pattern: pattern, schemaPath: path) { return nil }
            return context.error(
                keyword, "string \(SchemaKeywords.describe(instance)) does not match pattern \(pattern)")
        case "format":
            let format = try SchemaKeywords.string(value, at: path)
            guard case .string(let text) = instance, let valid = SchemaFormats.check(text, format: format)
            else {
                return nil
            }
            return valid
                ? nil
                : context.error(
                    keyword, "string \(SchemaKeywords.describe(instance)) is not a valid \(format)")
        default:
            throw JSONSchemaError.unsupportedKeyword(keyword, path)
        }
    }

    static func instance(_ instance: JSONValue, hasType name: String) -> Bool {
        switch (name, instance) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object):
            return true
        case ("number", .int), ("number", .double), ("integer", .int):
            return true
        case ("integer", .double(let number)):
            return number.isFinite && number.rounded(.towardZero) == number
        default:
            return false
        }
    }

    private func numericBound(_ keyword: String, _ value: JSONValue, _ context: Context) throws
        -> SchemaValidationError?
    {
        let limit = try SchemaKeywords.number(value, at: context.keywordPath(keyword))
        guard context.instance.isNumber else { return nil }
        let order = SchemaKeywords.compare(context.instance, limit)
        let passes: Bool
        let relation: String
        switch keyword {
        case "minimum": (passes, relation) = (order >= 0, ">=")
        case "maximum": (passes, relation) = (order <= 0, "<=")
        case "exclusiveMinimum": (passes, relation) = (order > 0, ">")
        default: (passes, relation) = (order < 0, "<")
        }
        if passes { return nil }
        return context.error(
            keyword, "value \(context.instance.serialized()) must be \(relation) \(limit.serialized())")
    }
}
