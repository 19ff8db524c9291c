import JSONSchema

/// Builds a `Scenario` from a parsed scenario file, field by field, so every error names
/// the file and the JSON pointer of the field at fault. The format is described in
/// `Specs/scenarios.md`.
struct ScenarioDecoder {
    let file: String

    /// Larger values would only be typos, and a scenario must never loop for long.
    static let maxRepeat = 500
    static let maxOversizedBytes = 64 << 20

    func decode(_ root: JSONValue) throws -> Scenario {
        let fields = try object(root, at: "")
        try allowOnly(["name", "api", "summary", "requires", "mockOnly", "steps"], in: fields, at: "")
        let apiText = try string(fields, "api", at: "")
        guard let api = APIKind(rawValue: apiText) else {
            throw error("/api", "must be one of \(APIKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let requires = try (optionalArray(fields, "requires", at: "") ?? []).enumerated().map {
            index, value in
            try identity(value, at: "/requires/\(index)")
        }
        guard let stepValues = try optionalArray(fields, "steps", at: ""), !stepValues.isEmpty else {
            throw error("/steps", "a scenario needs at least one step")
        }
        var mockOnly = false
        if let flag = fields["mockOnly"] {
            guard case .bool(let value) = flag else { throw error("/mockOnly", "must be true or false") }
            mockOnly = value
        }
        let steps = try stepValues.enumerated().map { index, value in try step(value, at: "/steps/\(index)") }
        return Scenario(
            name: try string(fields, "name", at: ""), api: api, file: file,
            summary: try optionalString(fields, "summary", at: "") ?? "", requires: requires,
            mockOnly: mockOnly,
            steps: steps)
    }

    private func step(_ value: JSONValue, at path: String) throws -> Step {
        let fields = try object(value, at: path)
        try allowOnly(
            ["name", "repeat", "delayMs", "set", "request", "capture", "creates", "deletes", "expect"],
            in: fields, at: path)
        let repeatCount = fields["repeat"] ?? .int(1)
        switch repeatCount {
        case .int(let n) where n >= 0 && n <= Self.maxRepeat: break
        case .string(let s) where s.hasPrefix("${"): break
        default: throw error(path + "/repeat", "must be an integer 0…\(Self.maxRepeat) or a ${variable}")
        }
        let delay = try optionalInt(fields, "delayMs", at: path) ?? 0
        guard (0...10_000).contains(delay) else { throw error(path + "/delayMs", "must be 0…10000") }
        guard let requestValue = fields["request"] else { throw error(path + "/request", "is required") }
        let assignments = try pairs(fields["set"], at: path + "/set").map { (name: $0.0, value: $0.1) }
        let captures = try pairs(fields["capture"], at: path + "/capture").map { name, value in
            guard case .string(let pointer) = value, pointer.isEmpty || pointer.hasPrefix("/") else {
                throw error(
                    path + "/capture/" + name, "must be a JSON pointer string (\"\" or starting with /)")
            }
            return (name: name, pointer: pointer)
        }
        let expectations = try (optionalArray(fields, "expect", at: path) ?? []).enumerated().map {
            index, value in
            try expectation(value, at: path + "/expect/\(index)")
        }
        return Step(
            name: try string(fields, "name", at: path), repeatCount: repeatCount, delayMilliseconds: delay,
            assignments: assignments, request: try request(requestValue, at: path + "/request"),
            captures: captures, createsSession: try optionalString(fields, "creates", at: path),
            deletesSession: try optionalString(fields, "deletes", at: path), expectations: expectations)
    }

    private func request(_ value: JSONValue, at path: String) throws -> RequestTemplate {
        let fields = try object(value, at: path)
        try allowOnly(
            ["method", "path", "query", "as", "headers", "json", "raw", "oversized"], in: fields, at: path)
        let method = try string(fields, "method", at: path)
        guard !method.isEmpty, method.allSatisfy({ $0.isLetter && $0.isUppercase }) else {
            throw error(path + "/method", "must be an upper-case HTTP method")
        }
        let target = try string(fields, "path", at: path)
        guard target.hasPrefix("/") else { throw error(path + "/path", "must start with /") }
        let query = try pairs(fields["query"], at: path + "/query").map { name, value in
            (name: name, value: try scalarText(value, at: path + "/query/" + name))
        }
        let headers = try pairs(fields["headers"], at: path + "/headers").map { name, value in
            guard case .string(let text) = value else {
                throw error(path + "/headers/" + name, "must be a string")
            }
            return (name: name, value: text)
        }
        let identity = try fields["as"].map { try self.identity($0, at: path + "/as") } ?? .a
        let bodyKeys = ["json", "raw", "oversized"].filter { fields[$0] != nil }
        guard bodyKeys.count <= 1 else { throw error(path, "give at most one of json, raw, oversized") }
        var body = RequestTemplate.Body.none
        if let json = fields["json"] {
            body = .json(json)
        } else if fields["raw"] != nil {
            body = .raw(try string(fields, "raw", at: path))
        } else if let oversized = fields["oversized"] {
            let spec = try object(oversized, at: path + "/oversized")
            let bytes = try int(spec, "bytes", at: path + "/oversized")
            guard (1...Self.maxOversizedBytes).contains(bytes) else {
                throw error(path + "/oversized/bytes", "must be 1…\(Self.maxOversizedBytes)")
            }
            body = .oversized(field: try string(spec, "field", at: path + "/oversized"), bytes: bytes)
        }
        return RequestTemplate(
            method: method, path: target, query: query, identity: identity, headers: headers, body: body)
    }

    private func expectation(_ value: JSONValue, at path: String) throws -> Expectation {
        let fields = try object(value, at: path)
        guard case .array(let ids)? = fields["requirements"], !ids.isEmpty else {
            throw error(path + "/requirements", "must be a non-empty array of requirement ids")
        }
        let requirements = try ids.enumerated().map { index, id in
            guard case .string(let text) = id, !text.isEmpty else {
                throw error(path + "/requirements/\(index)", "must be a requirement id string")
            }
            return text
        }
        var onlyWhen: [Int]?
        if let when = fields["whenStatus"] {
            onlyWhen = try statusList(when, at: path + "/whenStatus")
        }
        let check = try CheckDecoder(decoder: self).check(fields, at: path)
        var ifReported = false
        if let flag = fields["ifReported"] {
            guard case .bool(let value) = flag else {
                throw error(path + "/ifReported", "must be true or false")
            }
            ifReported = value
        }
        return Expectation(
            requirements: requirements, onlyWhenStatus: onlyWhen, onlyIfReported: ifReported, check: check)
    }

    /// A status code, a class such as `"4xx"` (every code of that hundred), or an array of
    /// either: where a seed fixes only that a request is refused, any 4xx answer holds.
    func statusList(_ value: JSONValue, at path: String) throws -> [Int] {
        let items: [JSONValue]
        if case .array(let list) = value { items = list } else { items = [value] }
        var codes: [Int] = []
        for item in items {
            if let code = item.intValue, (100...599).contains(code) {
                codes.append(code)
            } else if let text = item.stringValue, text.count == 3, text.hasSuffix("xx"),
                let hundred = Int(text.prefix(1)), (1...5).contains(hundred)
            {
                codes += (hundred * 100)..<(hundred * 100 + 100)
            } else {
                throw error(path, "must be a status code 100…599, a class like \"4xx\", or an array of them")
            }
        }
        guard !codes.isEmpty else { throw error(path, "must name at least one status") }
        return codes
    }

    private func identity(_ value: JSONValue, at path: String) throws -> Identity {
        guard case .string(let text) = value, let identity = Identity(rawValue: text) else {
            throw error(path, "must be one of \(Identity.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return identity
    }

    // MARK: Field access with errors that name the field

    func error(_ field: String, _ message: String) -> ScenarioLoadError {
        ScenarioLoadError(file: file, field: field, message: message)
    }

    func object(_ value: JSONValue, at path: String) throws -> [String: JSONValue] {
        guard let entries = JSONAccess.entries(of: value) else { throw error(path, "must be an object") }
        return Dictionary(entries, uniquingKeysWith: { first, _ in first })
    }

    /// Object members in file order (for captures and headers, where order matters).
    func pairs(_ value: JSONValue?, at path: String) throws -> [(String, JSONValue)] {
        guard let value else { return [] }
        guard let entries = JSONAccess.entries(of: value) else { throw error(path, "must be an object") }
        return entries
    }

    func allowOnly(_ allowed: Set<String>, in fields: [String: JSONValue], at path: String) throws {
        if let unknown = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw error(
                path + "/" + unknown, "unknown field (allowed: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    func string(_ fields: [String: JSONValue], _ key: String, at path: String) throws -> String {
        guard let value = fields[key] else { throw error(path + "/" + key, "is required") }
        guard case .string(let text) = value else { throw error(path + "/" + key, "must be a string") }
        return text
    }

    func optionalString(_ fields: [String: JSONValue], _ key: String, at path: String) throws -> String? {
        guard fields[key] != nil else { return nil }
        return try string(fields, key, at: path)
    }

    func int(_ fields: [String: JSONValue], _ key: String, at path: String) throws -> Int {
        guard let value = fields[key] else { throw error(path + "/" + key, "is required") }
        guard case .int(let n) = value else { throw error(path + "/" + key, "must be an integer") }
        return n
    }

    func optionalInt(_ fields: [String: JSONValue], _ key: String, at path: String) throws -> Int? {
        guard fields[key] != nil else { return nil }
        return try int(fields, key, at: path)
    }

    func optionalArray(_ fields: [String: JSONValue], _ key: String, at path: String) throws -> [JSONValue]? {
        guard let value = fields[key] else { return nil }
        guard case .array(let items) = value else { throw error(path + "/" + key, "must be an array") }
        return items
    }

    private func scalarText(_ value: JSONValue, at path: String) throws -> String {
        switch value {
        case .string(let s): return s
        case .int(let n): return String(n)
        default: throw error(path, "must be a string or an integer")
        }
    }
}
