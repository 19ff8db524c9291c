import JSONSchema

/// Reads the check part of an expectation: exactly one of `status`, `mediaType`, `header`,
/// `schema`, `pointer` or `invariant`, with that kind's options.
struct CheckDecoder {
    let decoder: ScenarioDecoder

    static let kinds = ["status", "mediaType", "header", "schema", "pointer", "invariant"]
    static let pointerRules = [
        "exists", "equals", "notEquals", "type", "matches", "count", "countAtLeast", "countAtMost", "atLeast",
        "atMost", "after", "contains", "notContains",
    ]
    static let jsonTypes: Set<String> = ["null", "boolean", "integer", "number", "string", "array", "object"]

    func check(_ fields: [String: JSONValue], at path: String) throws -> Check {
        let present = Self.kinds.filter { fields[$0] != nil }
        guard present.count == 1, let kind = present.first else {
            throw decoder.error(path, "needs exactly one of \(Self.kinds.joined(separator: ", "))")
        }
        let common: Set<String> = ["requirements", "whenStatus", "ifReported", kind]
        switch kind {
        case "status":
            try decoder.allowOnly(common, in: fields, at: path)
            return .status(try decoder.statusList(fields["status"] ?? .null, at: path + "/status"))
        case "mediaType":
            try decoder.allowOnly(common, in: fields, at: path)
            return .mediaType(try decoder.string(fields, "mediaType", at: path).lowercased())
        case "header":
            return try header(fields, at: path, common: common)
        case "schema":
            try decoder.allowOnly(common.union(["at", "eachListItem"]), in: fields, at: path)
            let pointer = try decoder.optionalString(fields, "at", at: path) ?? ""
            try requirePointer(pointer, at: path + "/at")
            let name = try decoder.string(fields, "schema", at: path)
            if let each = fields["eachListItem"] {
                guard each == .bool(true) else { throw decoder.error(path + "/eachListItem", "must be true") }
                return .listItemSchema(name: name, pointer: pointer)
            }
            return .schema(name: name, pointer: pointer)
        case "invariant":
            try decoder.allowOnly(common.union(["args"]), in: fields, at: path)
            let name = try decoder.string(fields, "invariant", at: path)
            guard Invariants.names.contains(name) else {
                throw decoder.error(
                    path + "/invariant",
                    "unknown invariant '\(name)' (known: \(Invariants.names.sorted().joined(separator: ", ")))"
                )
            }
            return .invariant(name: name, arguments: fields["args"] ?? .null)
        default:
            return try pointer(fields, at: path, common: common)
        }
    }

    private func header(_ fields: [String: JSONValue], at path: String, common: Set<String>) throws -> Check {
        try decoder.allowOnly(common.union(["present", "equals", "contains"]), in: fields, at: path)
        let name = try decoder.string(fields, "header", at: path)
        let rules = ["present", "equals", "contains"].filter { fields[$0] != nil }
        guard rules.count == 1 else {
            throw decoder.error(path, "a header check needs one of present, equals, contains")
        }
        switch rules[0] {
        case "present":
            guard case .bool(let present)? = fields["present"] else {
                throw decoder.error(path + "/present", "must be true or false")
            }
            return .header(name: name, rule: present ? .present : .absent)
        case "equals":
            return .header(name: name, rule: .equals(try decoder.string(fields, "equals", at: path)))
        default:
            return .header(name: name, rule: .contains(try decoder.string(fields, "contains", at: path)))
        }
    }

    private func pointer(_ fields: [String: JSONValue], at path: String, common: Set<String>) throws -> Check
    {
        try decoder.allowOnly(common.union(Self.pointerRules), in: fields, at: path)
        let pointer = try decoder.string(fields, "pointer", at: path)
        try requirePointer(pointer, at: path + "/pointer")
        let rules = Self.pointerRules.filter { fields[$0] != nil }
        guard rules.count == 1, let rule = rules.first, let operand = fields[rule] else {
            throw decoder.error(
                path, "a pointer check needs exactly one of \(Self.pointerRules.joined(separator: ", "))")
        }
        let at = path + "/" + rule
        switch rule {
        case "exists":
            guard case .bool(let flag) = operand else { throw decoder.error(at, "must be true or false") }
            return .pointer(pointer, .exists(flag))
        case "equals": return .pointer(pointer, .equals(operand))
        case "notEquals": return .pointer(pointer, .notEquals(operand))
        case "type":
            guard case .string(let type) = operand, Self.jsonTypes.contains(type) else {
                throw decoder.error(at, "must be one of \(Self.jsonTypes.sorted().joined(separator: ", "))")
            }
            return .pointer(pointer, .type(type))
        case "matches":
            guard case .string(let pattern) = operand else {
                throw decoder.error(at, "must be a regular expression")
            }
            guard (try? Regex(pattern)) != nil else {
                throw decoder.error(at, "is not a valid regular expression")
            }
            return .pointer(pointer, .matches(pattern))
        case "count", "countAtLeast", "countAtMost":
            guard case .int(let n) = operand, n >= 0 else {
                throw decoder.error(at, "must be a non-negative integer")
            }
            return .pointer(
                pointer,
                rule == "count" ? .count(n) : rule == "countAtLeast" ? .countAtLeast(n) : .countAtMost(n))
        case "atLeast": return .pointer(pointer, .atLeast(operand))
        case "atMost": return .pointer(pointer, .atMost(operand))
        case "after": return .pointer(pointer, .after(operand))
        case "contains": return .pointer(pointer, .contains(operand))
        default: return .pointer(pointer, .notContains(operand))
        }
    }

    private func requirePointer(_ pointer: String, at path: String) throws {
        guard pointer.isEmpty || pointer.hasPrefix("/") else {
            throw decoder.error(path, "must be a JSON pointer (\"\" or starting with /)")
        }
    }
}
