import Foundation
import SessionsAPI
import Testing

@Suite struct OpenAPIStructureTests {
    /// The keywords the JSONSchema module implements, plus annotations it ignores.
    static let supportedKeywords: Set<String> = [
        "type", "properties", "required", "additionalProperties", "items", "enum", "const", "minimum",
        "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems", "pattern",
        "format", "oneOf", "anyOf", "allOf", "not", "$ref",
        "description", "title", "example", "examples", "default",
    ]

    static let contractOperations: [RequirementAPI: Set<String>] = [
        .cid222: [
            "POST /sessions", "GET /sessions", "GET /sessions/:id", "DELETE /sessions/:id",
            "POST /sessions/:id/messages",
        ],
        .konnect: [
            "GET /v1/sessions", "GET /v1/sessions/:id", "PATCH /v1/sessions/:id", "DELETE /v1/sessions/:id",
            "POST /v1/chat",
        ],
    ]

    static let requiredSchemas: [RequirementAPI: [String]] = [
        .cid222: [
            "Session", "SessionDetail", "SessionList", "ContextMessage", "TokenUsage", "CreateSessionRequest",
            "SendMessageRequest", "ErrorResponse", "ContentBlockDeltaEvent", "FilterWarningEvent",
            "ContextUsageEvent", "MessageStopEvent", "InputRejectedEvent", "StreamErrorEvent", "StreamEvent",
        ],
        .konnect: [
            "SessionSummary", "SessionList", "Session", "Message", "UpdateSessionRequest", "DeletedSession",
            "ChatRequest", "ChatResponse", "ErrorResponse",
        ],
    ]

    private static func endpoint(_ method: String, _ path: String) -> String {
        "\(method) " + path.replacingOccurrences(of: "{id}", with: ":id")
    }

    @Test(arguments: RequirementAPI.allCases)
    func isOpenAPI31WithSecurity(_ api: RequirementAPI) throws {
        let document = try OpenAPIDocument(api: api)
        #expect(document.root["openapi"] as? String == "3.1.0")
        let schemes = try #require(document.value(at: "/components/securitySchemes") as? [String: Any])
        #expect(schemes.count == 1)
        let scheme = try #require(schemes.values.first as? [String: Any])
        #expect(scheme["type"] as? String == "http")
        #expect(scheme["scheme"] as? String == "bearer")
        let security = try #require(document.root["security"] as? [[String: Any]])
        #expect(security.first?.keys.first == schemes.keys.first)
    }

    @Test(arguments: RequirementAPI.allCases)
    func coversEveryContractOperation(_ api: RequirementAPI) throws {
        let document = try OpenAPIDocument(api: api)
        let found = Set(document.operations.map { Self.endpoint($0.method, $0.path) })
        #expect(found == Self.contractOperations[api])
        for (method, path, operation) in document.operations {
            let responses = try #require(operation["responses"] as? [String: Any], "\(method) \(path)")
            #expect(
                responses.keys.contains { $0.hasPrefix("2") }, "\(method) \(path) has no success response")
            for code in ["401", "405", "429", "500"] {
                #expect(responses[code] != nil, "\(method) \(path) lacks \(code)")
            }
            if operation["requestBody"] != nil {
                for code in ["400", "413", "415"] {
                    #expect(responses[code] != nil, "\(method) \(path) lacks \(code)")
                }
            }
            if path.contains("{id}") { #expect(responses["404"] != nil, "\(method) \(path) lacks 404") }
        }
    }

    @Test(arguments: RequirementAPI.allCases)
    func everyReferenceResolves(_ api: RequirementAPI) throws {
        let document = try OpenAPIDocument(api: api)
        let references = document.references()
        #expect(!references.isEmpty)
        for (pointer, target) in references {
            #expect(target.hasPrefix("#/"), "\(pointer): \(target) is not local")
            #expect(
                document.value(at: String(target.dropFirst())) != nil,
                "\(pointer): \(target) does not resolve")
        }
    }

    @Test(arguments: RequirementAPI.allCases)
    func schemasUseOnlySupportedKeywords(_ api: RequirementAPI) throws {
        let document = try OpenAPIDocument(api: api)
        let pointers = document.schemaPointers()
        #expect(pointers.count > 20)
        for pointer in pointers {
            let schema = try #require(document.value(at: pointer) as? [String: Any])
            let unsupported = schema.keys.filter {
                !$0.hasPrefix("x-") && !Self.supportedKeywords.contains($0)
            }
            #expect(unsupported.isEmpty, "\(pointer) uses unsupported keywords \(unsupported.sorted())")
            if let inferred = schema["x-inferred"] { #expect(inferred as? Bool == true, "\(pointer)") }
        }
    }

    @Test(arguments: RequirementAPI.allCases)
    func namedSchemasExistAndAreDescribed(_ api: RequirementAPI) throws {
        let document = try OpenAPIDocument(api: api)
        let schemas = document.componentSchemas
        for name in Self.requiredSchemas[api] ?? [] {
            #expect(schemas[name] != nil, "missing schema \(name)")
        }
        for (name, schema) in schemas {
            let description = (schema as? [String: Any])?["description"] as? String ?? ""
            #expect(!description.isEmpty, "\(name) has no description")
        }
    }

    /// Operations name the requirements they carry; every requirement of the API appears once,
    /// on the operation its endpoint names (or at the top level for `*`).
    @Test(arguments: RequirementAPI.allCases)
    func requirementsAreMappedToOperations(_ api: RequirementAPI) throws {
        let catalogue = try RequirementCatalogue.load(from: SpecsLocation.requirementsFile)
        let document = try OpenAPIDocument(api: api)
        var listed: [String] = document.root["x-requirements"] as? [String] ?? []
        for id in listed { #expect(catalogue.requirement(id: id)?.endpoint == "*", "\(id) at top level") }
        for (method, path, operation) in document.operations {
            let ids = operation["x-requirements"] as? [String] ?? []
            #expect(!ids.isEmpty, "\(method) \(path) names no requirement")
            for id in ids {
                #expect(
                    catalogue.requirement(id: id)?.endpoint == Self.endpoint(method, path),
                    "\(id) on \(method) \(path)")
            }
            listed += ids
        }
        #expect(listed.sorted() == catalogue.requirements(for: api).map(\.id).sorted())
    }
}
