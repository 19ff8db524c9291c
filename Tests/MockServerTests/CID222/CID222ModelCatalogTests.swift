import Foundation
import JSONSchema
import SessionsAPI
import Testing

@testable import MockServer

/// Any model name is served: known ones with their limits and prices, others with the
/// default profile, unless the catalog is strict.
@Suite("CID222 model catalog")
struct CID222ModelCatalogTests {
    @Test("an unknown model streams a reply with the default profile's limit and price")
    func unknownModelIsServedByDefault() async throws {
        let client = CID222TestClient()
        let session = try await client.createSession()
        let response = await client.send(session.id, content: "Plan a release", model: "my-team-model-2027")
        #expect(response.status == 200, "\(response.text)")
        #expect(response.streamed)
        #expect(!(try response.replyText()).isEmpty)
        let usage = try #require(try response.contextUsage())
        #expect(usage.contextLimit == 128_000)
        let profile = CID222ModelCatalog.builtInDefaultProfile
        let turn = usage.usage
        let expected = CID222Model.dollars(
            micros: profile.costMicros(inputTokens: turn.inputTokens, outputTokens: turn.outputTokens))
        #expect(abs(turn.cost - expected) < 0.000_000_5)
    }

    @Test("known models keep their own limit under any catalog")
    func knownModelsKeepTheirProfile() throws {
        let catalog = CID222ModelCatalog()
        #expect(catalog.model("mock-tiny-128")?.contextLimit == 128)
        #expect(catalog.model("claude-3-5-sonnet")?.contextLimit == 200_000)
        #expect(catalog.model("anything")?.contextLimit == 128_000)
        #expect(catalog.model("anything")?.id == "anything")
        let strict = CID222ModelCatalog(strict: true)
        #expect(strict.model("anything") == nil)
        #expect(strict.model("gpt-4o")?.contextLimit == 128_000)
    }

    @Test("a models file extends the table, overrides a known entry and sets the default")
    func modelsFileExtends() throws {
        let file = #"""
            {"models": [
               {"id": "my-team-model-2027", "context_limit": 32000, "input_price_per_1k": 0.0005,
                "output_price_per_1k": 0.0015},
               {"id": "gpt-4o", "context_limit": 64000, "input_price_per_1k": 0.0025, "output_price_per_1k": 0.01}],
             "default": {"context_limit": 8000, "input_price_per_1k": 0, "output_price_per_1k": 0}}
            """#
        let catalog = try ModelFile.apply(Array(file.utf8), to: CID222ModelCatalog())
        #expect(catalog.models.count == CID222ModelTable.models.count + 1)
        #expect(catalog.models.first?.id == "gpt-4o")
        #expect(catalog.model("gpt-4o")?.contextLimit == 64_000)
        #expect(catalog.model("my-team-model-2027")?.inputMicrosPer1K == 500)
        #expect(catalog.model("my-team-model-2027")?.outputMicrosPer1K == 1500)
        #expect(catalog.model("other")?.contextLimit == 8000)
        #expect(!catalog.strict)
    }

    @Test("replace: true keeps only the file's models; strict: true refuses the rest")
    func modelsFileReplaces() throws {
        let file = #"""
            {"replace": true, "strict": true,
             "models": [{"id": "only", "context_limit": 100, "input_price_per_1k": 1, "output_price_per_1k": 2}]}
            """#
        let catalog = try ModelFile.apply(Array(file.utf8), to: CID222ModelCatalog())
        #expect(catalog.models.map(\.id) == ["only"])
        #expect(catalog.model("gpt-4o") == nil)
        #expect(catalog.model("only")?.inputMicrosPer1K == 1_000_000)
    }

    @Test("a bare array extends the table")
    func bareArray() throws {
        let file = #"[{"id": "x", "context_limit": 10, "input_price_per_1k": 0, "output_price_per_1k": 0}]"#
        let catalog = try ModelFile.apply(Array(file.utf8), to: CID222ModelCatalog())
        #expect(catalog.models.last?.id == "x")
    }

    @Test(
        "a bad models file names the field",
        arguments: [
            (#"{"model": []}"#, "model"),
            (#"{"models": {}}"#, "models"),
            (#"[{"context_limit": 1, "input_price_per_1k": 0, "output_price_per_1k": 0}]"#, "models[0].id"),
            (#"[{"id": "a", "input_price_per_1k": 0, "output_price_per_1k": 0}]"#, "models[0].context_limit"),
            (
                #"[{"id": "a", "context_limit": 0, "input_price_per_1k": 0, "output_price_per_1k": 0}]"#,
                "models[0].context_limit"
            ),
            (
                #"[{"id": "a", "context_limit": 5, "input_price_per_1k": -1, "output_price_per_1k": 0}]"#,
                "models[0].input_price_per_1k"
            ),
            (#"[{"id": "a", "context_limit": 5, "input_price_per_1k": 0}]"#, "models[0].output_price_per_1k"),
            (
                #"{"default": {"id": "a", "context_limit": 5, "input_price_per_1k": 0, "output_price_per_1k": 0}}"#,
                "default.id"
            ),
            ("not json", "body"),
        ])
    func badFiles(file: String, field: String) {
        #expect(throws: AdminInputError.self) {
            try ModelFile.apply(Array(file.utf8), to: CID222ModelCatalog())
        }
        do {
            _ = try ModelFile.apply(Array(file.utf8), to: CID222ModelCatalog())
        } catch {
            #expect(error.field == field, "\(error)")
        }
    }

    @Test("GET /__admin/models lists the table in the file format, which loads back unchanged")
    func adminListsTheTable() async throws {
        var options = CID222TestClient.defaultOptions()
        options.models = CID222ModelCatalog().extended(with: [
            CID222Model(id: "team", contextLimit: 4096, inputMicrosPer1K: 250, outputMicrosPer1K: 1250)
        ])
        let client = CID222TestClient(options: options)
        let response = await client.request("GET", "/__admin/models", token: nil)
        #expect(response.status == 200)
        let json = try #require(JSONValue.strictBody(response.body))
        #expect(json["strict"] == .bool(false))
        let ids = json["models"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
        #expect(ids == CID222ModelTable.models.map(\.id) + ["team"])
        #expect(json["default"]?["context_limit"] == .int(128_000))
        let reloaded = try ModelFile.apply(
            response.body,
            to: CID222ModelCatalog(models: [], defaultProfile: CID222ModelCatalog.builtInDefaultProfile))
        #expect(reloaded == options.models)
        let schema = JSONSchemaDocument(
            try JSONValue.parse(Array(try Data(contentsOf: AdminOpenAPITests.url))))
        #expect(try schema.validate(json, schemaAt: "/components/schemas/ModelTable").isEmpty)
    }
}
