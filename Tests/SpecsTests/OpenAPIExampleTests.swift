import Foundation
import JSONSchema
import SessionsAPI
import Testing

@Suite struct OpenAPIExampleTests {
    private struct Loaded {
        let structure: OpenAPIDocument
        let root: JSONValue
        let schemas: JSONSchemaDocument
    }

    private func load(_ api: RequirementAPI) throws -> Loaded {
        let bytes = try [UInt8](Data(contentsOf: SpecsLocation.openAPIDocument(for: api)))
        let root = try JSONValue.parse(bytes)
        return Loaded(structure: try OpenAPIDocument(api: api), root: root, schemas: JSONSchemaDocument(root))
    }

    /// Every (example pointer, schema pointer) pair: schema-level `examples` arrays and
    /// media-type `examples` maps.
    private func examplePairs(_ document: OpenAPIDocument) -> [(example: String, schema: String)] {
        var pairs: [(String, String)] = []
        for pointer in document.schemaPointers() {
            let schema = document.value(at: pointer) as? [String: Any]
            for index in (schema?["examples"] as? [Any] ?? []).indices {
                pairs.append(("\(pointer)/examples/\(index)", pointer))
            }
        }
        func visit(_ node: Any, _ pointer: String) {
            guard let object = node as? [String: Any] else { return }
            if object["schema"] != nil, let examples = object["examples"] as? [String: Any] {
                for name in examples.keys.sorted() {
                    pairs.append(("\(pointer)/examples/\(name)/value", "\(pointer)/schema"))
                }
            }
            for (key, value) in object where !key.hasPrefix("x-") && key != "schema" && key != "examples" {
                visit(
                    value,
                    "\(pointer)/\(key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1"))"
                )
            }
        }
        visit(document.root, "")
        return pairs
    }

    @Test(arguments: RequirementAPI.allCases)
    func everySchemaIsSupportedByTheValidator(_ api: RequirementAPI) throws {
        let loaded = try load(api)
        for pointer in loaded.structure.schemaPointers() {
            // An unsupported keyword, a malformed keyword value or a dangling $ref throws.
            #expect(throws: Never.self, "\(pointer)") { try loaded.schemas.checkSupported(schemaAt: pointer) }
        }
    }

    @Test(arguments: RequirementAPI.allCases)
    func everyExampleValidates(_ api: RequirementAPI) throws {
        let loaded = try load(api)
        let pairs = examplePairs(loaded.structure)
        #expect(pairs.count > 20)
        for (examplePointer, schemaPointer) in pairs {
            let example = try #require(loaded.root.at(pointer: examplePointer), "\(examplePointer)")
            let errors = try loaded.schemas.validate(example, schemaAt: schemaPointer)
            #expect(errors.isEmpty, "\(examplePointer) against \(schemaPointer): \(errors)")
        }
    }

    /// The stream example is SSE text: each `data:` payload must be a StreamEvent, in the
    /// contract's order, ending with `[DONE]`.
    @Test func streamExampleHoldsValidEventsEndingWithDone() throws {
        let loaded = try load(.cid222)
        let pointer =
            "/paths/~1sessions~1{id}~1messages/post/responses/200/content/text~1event-stream/x-stream-example"
        let text = try #require(loaded.root.at(pointer: pointer)?.stringValue)
        let blocks = text.components(separatedBy: "\n\n").filter { !$0.isEmpty }
        #expect(blocks.last == "data: [DONE]")
        var types: [String] = []
        for block in blocks.dropLast() {
            #expect(block.hasPrefix("data: ") && !block.contains("\n"), "\(block)")
            let event = try JSONValue.parse(String(block.dropFirst("data: ".count)))
            let errors = try loaded.schemas.validate(event, schemaAt: "/components/schemas/StreamEvent")
            #expect(errors.isEmpty, "\(block): \(errors)")
            types.append(event["type"]?.stringValue ?? "")
        }
        #expect(types.first == "content_block_delta")
        #expect(Array(types.suffix(2)) == ["context_usage", "message_stop"])
    }

    /// Samples that pin the contract's rules to the schemas, so a loosened schema is caught.
    @Test(arguments: [
        (RequirementAPI.cid222, "SendMessageRequest", #"{"content": "hi", "model": "gpt-4o"}"#, true),
        (.cid222, "SendMessageRequest", #"{"content": "hi"}"#, false),
        (.cid222, "SendMessageRequest", #"{"content": "", "model": "gpt-4o"}"#, false),
        (.cid222, "SendMessageRequest", #"{"content": "hi", "model": "gpt-4o", "provider": "aws"}"#, false),
        (.cid222, "SendMessageRequest", #"{"content": "hi", "model": "gpt-4o", "temperature": 2.5}"#, false),
        (.cid222, "SendMessageRequest", #"{"content": "hi", "model": "gpt-4o", "top_p": -0.1}"#, false),
        (.cid222, "SendMessageRequest", #"{"content": "hi", "model": "gpt-4o", "max_tokens": 0}"#, false),
        (.cid222, "SendMessageRequest", #"{"content": "hi", "model": "gpt-4o", "max_tokens": 1.5}"#, false),
        (
            .cid222, "SendMessageRequest", #"{"content": "hi", "model": "gpt-4o", "imageBase64": "aGk="}"#,
            true
        ),
        (
            .cid222, "SendMessageRequest",
            #"{"content": "hi", "model": "gpt-4o", "imageBase64": "data:image/png;base64,aGk="}"#, true
        ),
        (.cid222, "SendMessageRequest", #"{"content": "hi", "model": "gpt-4o", "imageBase64": ""}"#, false),
        (
            .cid222, "SendMessageRequest", #"{"content": "hi", "model": "gpt-4o", "imageBase64": "aGk"}"#,
            false
        ),
        (
            .cid222, "SendMessageRequest", #"{"content": "hi", "model": "gpt-4o", "imageBase64": "a=Gk"}"#,
            false
        ),
        (.konnect, "ChatRequest", #"{"message": "hi", "session_id": null, "mode": null}"#, true),
        (.konnect, "ChatRequest", #"{"message": "hi", "mode": "solo"}"#, false),
        (.cid222, "CreateSessionRequest", #"{"session_name": null, "extra": 1}"#, true),
        (.cid222, "CreateSessionRequest", #"{"session_name": 5}"#, false),
        (
            .cid222, "Session",
            #"{"id": "6f1c2e7a-9b3d-4f5a-8c21-0d9a1b2c3d4e", "session_name": null, "tenant_id": "t", "created_at": "2026-01-15T10:30:00Z", "updated_at": "2026-01-15T10:30:00Z"}"#,
            false
        ),
        (
            .cid222, "Session",
            #"{"id": 7, "session_name": null, "tenant_id": "t", "created_at": "2026-01-15T10:30:00Z", "updated_at": "2026-01-15T10:30:00Z", "token_usage": {"total_tokens": 0, "total_cost": 0}}"#,
            false
        ),
        (.cid222, "StreamEvent", #"{"type": "message_stop", "stop_reason": "end_turn"}"#, true),
        (.cid222, "StreamEvent", #"{"type": "message_stop", "stop_reason": "tired"}"#, false),
        (.cid222, "StreamEvent", #"{"type": "ping"}"#, false),
        (
            .cid222, "StreamEvent",
            #"{"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta"}}"#, false
        ),
        (.konnect, "UpdateSessionRequest", #"{"title": "New"}"#, true),
        (.konnect, "UpdateSessionRequest", #"{"title": ""}"#, false),
        (.konnect, "UpdateSessionRequest", #"{"title": "   "}"#, false),
        (.konnect, "UpdateSessionRequest", #"{"title": "New", "mode": "debate"}"#, false),
        (.konnect, "UpdateSessionRequest", #"{}"#, false),
        (.konnect, "UpdateSessionRequest", #"{"title": 7}"#, false),
        (.konnect, "ChatRequest", #"{"message": "hi", "whatever": true}"#, true),
        (.konnect, "ChatRequest", #"{"message": "hi", "mode": "solo"}"#, false),
        (.konnect, "ChatRequest", #"{"session_id": "sess_x"}"#, false),
        (
            .konnect, "DeletedSession", #"{"id": "sess_x", "object": "session.deleted", "deleted": false}"#,
            false
        ),
        (.konnect, "SessionList", #"{"object": "list", "data": [], "has_more": false, "total": 0}"#, true),
        (.konnect, "SessionList", #"{"object": "page", "data": [], "has_more": false, "total": 0}"#, false),
        (
            .konnect, "ErrorResponse", #"{"error": {"code": "not_found", "message": "m", "status": 404}}"#,
            true
        ),
        (.konnect, "ErrorResponse", #"{"code": "not_found", "message": "m", "status": 404}"#, false),
    ])
    func schemasEnforceTheContract(_ sample: (RequirementAPI, String, String, Bool)) throws {
        let loaded = try load(sample.0)
        let errors = try loaded.schemas.validate(
            try JSONValue.parse(sample.2), schemaAt: "/components/schemas/\(sample.1)")
        #expect(errors.isEmpty == sample.3, "\(sample.1) \(sample.2): \(errors)")
    }
}
