import JSONSchema
import Testing

/// Error reporting, `$ref` resolution in an OpenAPI-shaped document, and schema problems.
@Suite struct SchemaDocumentTests {
    static let openAPI: JSONValue = {
        let text = """
            {"openapi": "3.1.0", "components": {"schemas": {
              "Session": {"type": "object", "required": ["id", "created_at", "messages"],
                "additionalProperties": false,
                "properties": {
                  "id": {"type": "string", "format": "uuid"},
                  "created_at": {"type": "string", "format": "date-time"},
                  "title": {"type": ["string", "null"], "maxLength": 5},
                  "messages": {"type": "array", "items": {"$ref": "#/components/schemas/Message"}}}},
              "Message": {"type": "object", "required": ["role"],
                "properties": {"role": {"enum": ["user", "assistant"]}, "tokens": {"type": "integer", "minimum": 0}}},
              "Loop": {"$ref": "#/components/schemas/Loop2"},
              "Loop2": {"allOf": [{"$ref": "#/components/schemas/Loop"}]},
              "Unsupported": {"properties": {"a": {"if": {"type": "string"}}}},
              "BadRef": {"items": {"$ref": "#/components/schemas/Missing"}},
              "RemoteRef": {"$ref": "https://example.com/schema.json"},
              "BadValue": {"minLength": "3"},
              "BadPattern": {"pattern": "([a-z"},
              "UsesBad": {"anyOf": [{"type": "null"}, {"$ref": "#/components/schemas/Unsupported"}]}
            }}}
            """
        return (try? JSONValue.parse(text)) ?? .null
    }()

    let document = JSONSchemaDocument(Self.openAPI)

    @Test func validInstanceHasNoErrors() throws {
        let session: JSONValue = [
            "id": "3f2b8c1e-9d4a-4b6e-8f1a-2c3d4e5f6a7b", "created_at": "2024-01-15T10:30:00Z", "title": nil,
            "messages": [["role": "user", "tokens": 3]],
        ]
        #expect(try document.validate(session, schemaAt: "/components/schemas/Session") == [])
        #expect(try document.isValid(session, schemaAt: "#/components/schemas/Session"))
    }

    @Test func everyErrorIsReportedWithBothPointers() throws {
        let session: JSONValue = [
            "id": 7, "title": "far too long",
            "messages": [["role": "robot", "tokens": -1], ["tokens": 1.5]],
            "extra/key": true,
        ]
        let errors = try document.validate(session, schemaAt: "/components/schemas/Session")
        let found = Set(errors.map { "\($0.instancePath) \($0.schemaPath)" })
        let session_ = "/components/schemas/Session"
        let message = "/components/schemas/Message"
        let expected: Set<String> = [
            " \(session_)/required",  // created_at missing
            "/extra~1key \(session_)/additionalProperties",
            "/id \(session_)/properties/id/type",
            "/title \(session_)/properties/title/maxLength",
            "/messages/0/role \(message)/properties/role/enum",
            "/messages/0/tokens \(message)/properties/tokens/minimum",
            "/messages/1 \(message)/required",
            "/messages/1/tokens \(message)/properties/tokens/type",
        ]
        #expect(found == expected, "\(errors)")
        #expect(errors.count == expected.count)
        let typeError = errors.first { $0.instancePath == "/id" }
        #expect(typeError?.message == "expected string, got integer")
        #expect(errors.contains { $0.message == "missing required property \"created_at\"" })
        #expect(errors.contains { $0.message == "property \"extra/key\" is not allowed" })
        #expect(
            typeError?.description
                == "/id: expected string, got integer [schema \(session_)/properties/id/type]")
    }

    @Test func referenceCyclesThatConsumeNoInputAreErrors() {
        #expect(throws: JSONSchemaError.referenceCycle("/components/schemas/Loop2/allOf/0/$ref")) {
            try document.validate(1, schemaAt: "/components/schemas/Loop")
        }
        let selfRef = JSONSchemaDocument(["$ref": "#"])
        #expect(throws: JSONSchemaError.referenceCycle("/$ref")) { try selfRef.validate(nil) }
    }

    @Test func unsupportedKeywordsThrowInsteadOfPassing() {
        #expect(
            throws: JSONSchemaError.unsupportedKeyword(
                "if", "/components/schemas/Unsupported/properties/a/if")
        ) {
            try document.validate(["a": "x"], schemaAt: "/components/schemas/Unsupported")
        }
        #expect(throws: JSONSchemaError.unsupportedKeyword("nullable", "/nullable")) {
            try JSONSchemaDocument(["nullable": true]).validate(nil)
        }
    }

    @Test func unresolvableReferencesThrow() {
        #expect(
            throws: JSONSchemaError.unresolvableReference(
                "#/components/schemas/Missing", "/components/schemas/BadRef/items/$ref")
        ) {
            try document.validate([1], schemaAt: "/components/schemas/BadRef")
        }
        #expect(throws: JSONSchemaError.self) {
            try document.validate(1, schemaAt: "/components/schemas/RemoteRef")
        }
        #expect(throws: JSONSchemaError.unresolvableReference("/nowhere", "")) {
            try document.validate(1, schemaAt: "/nowhere")
        }
    }

    @Test func malformedKeywordValuesThrow() {
        #expect(throws: JSONSchemaError.self) {
            try document.validate("x", schemaAt: "/components/schemas/BadValue")
        }
        #expect(throws: JSONSchemaError.self) {
            try document.validate("x", schemaAt: "/components/schemas/BadPattern")
        }
        for schema: JSONValue in [
            ["type": "text"], ["type": []], ["required": "a"], ["enum": 1], ["allOf": []], ["properties": []],
            ["minimum": "1"], ["maxItems": -1], ["uniqueItems": 1], ["items": 3], 42,
        ] {
            #expect(throws: JSONSchemaError.self, "\(schema.serialized())") {
                try JSONSchemaDocument(schema).validate([1])
            }
        }
    }

    @Test func checkSupportedWalksSubschemasAndReferencesWithoutAnInstance() throws {
        try document.checkSupported(schemaAt: "/components/schemas/Session")
        try document.checkSupported(schemaAt: "/components/schemas/Loop")
        #expect(
            throws: JSONSchemaError.unsupportedKeyword(
                "if", "/components/schemas/Unsupported/properties/a/if")
        ) {
            try document.checkSupported(schemaAt: "/components/schemas/UsesBad")
        }
        #expect(throws: JSONSchemaError.self) {
            try document.checkSupported(schemaAt: "/components/schemas/BadRef")
        }
        #expect(throws: JSONSchemaError.self) {
            try document.checkSupported(schemaAt: "/components/schemas/BadValue")
        }
        #expect(throws: JSONSchemaError.self) {
            try document.checkSupported(schemaAt: "/components/schemas/BadPattern")
        }
        // Validation never reaches the bad branch for null, but checkSupported still finds it.
        #expect(try document.validate(nil, schemaAt: "/components/schemas/UsesBad").isEmpty)
    }

    @Test func alternativesExplainTheClosestFailure() throws {
        let schema = JSONSchemaDocument(["anyOf": [["type": "string"], ["type": "integer", "minimum": 5]]])
        let errors = try schema.validate(3)
        #expect(errors.count == 1)
        #expect(errors.first?.schemaPath == "/anyOf")
        #expect(errors.first?.message.contains("none of the 2 schemas") == true)
        #expect(
            errors.first?.message.contains("closest failure: (root): expected string, got integer") == true)
        let oneOf = JSONSchemaDocument(["oneOf": [["type": "integer"], ["minimum": 0]]])
        #expect(try oneOf.validate(3).first?.message.contains("matches schemas 0, 1") == true)
    }

    @Test func deeplyNestedInstancesAreBoundedNotCrashing() throws {
        let schema = JSONSchemaDocument([
            "$defs": ["n": ["items": ["$ref": "#/$defs/n"]]], "$ref": "#/$defs/n",
        ])
        var shallow: JSONValue = []
        for _ in 0..<100 { shallow = [shallow] }
        #expect(try schema.validate(shallow).isEmpty)
        var deep: JSONValue = []
        for _ in 0..<2_000 { deep = [deep] }
        #expect(throws: JSONSchemaError.self) { try schema.validate(deep) }
    }

    @Test func caseRunnerReportsAWrongExpectation() {
        let problems = SchemaCaseRunner.mismatches(
            """
            [{"description": "d", "schema": {"type": "string"}, "tests": [
              {"description": "wrong on purpose", "data": 1, "valid": true},
              {"description": "right", "data": "s", "valid": true}]}]
            """)
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("d / wrong on purpose: expected valid") == true)
        #expect(SchemaCaseRunner.mismatches("[]") == ["case table is empty"])
    }

    @Test func errorsDescribeThemselves() {
        #expect(JSONSchemaError.unsupportedKeyword("if", "/a/if").description.contains("\"if\" at /a/if"))
        #expect(JSONSchemaError.referenceCycle("/x").description.contains("/x"))
        #expect(JSONParseError(offset: 3, message: "m").description == "invalid JSON at byte 3: m")
    }
}
