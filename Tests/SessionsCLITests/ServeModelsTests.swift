import Foundation
import MockServer
import SessionsAPI
import Testing

@testable import SessionsCLI

@Suite("sessions serve --models and --strict-models")
struct ServeModelsTests {
    private func settings(_ arguments: [String]) throws -> ServeSettings {
        try ServeCommand.settings(
            from: try OptionParser.parse(arguments, for: ServeCommand.spec), environment: [:])
    }

    @Test func unknownNamesAreServedUnlessStrict() throws {
        #expect(try settings([]).options.models.strict == false)
        #expect(try settings(["--strict-models"]).options.models.strict)
    }

    @Test func aModelsFileExtendsTheTableBeforeThePortOpens() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("models-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(
            #"[{"id": "my-team-model-2027", "context_limit": 4096, "input_price_per_1k": 0.5, "output_price_per_1k": 1}]"#
                .utf8
        ).write(to: file)
        let environment = try ServeCommand.prepareEnvironment(try settings(["--models", file.path]))
        #expect(environment.options.models.model("my-team-model-2027")?.contextLimit == 4096)
        #expect(environment.options.models.model("gpt-4o")?.contextLimit == 128_000)
    }

    @Test func aBadModelsFileNamesTheOptionAndTheField() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("models-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"{"models": [{"id": "x"}]}"#.utf8).write(to: file)
        do {
            _ = try ServeCommand.prepareEnvironment(try settings(["--models", file.path]))
            Issue.record("expected a models file error")
        } catch let error as ServeCommand.FixtureError {
            #expect(error.description.hasPrefix("--models \(file.path): models[0].context_limit"))
        }
        #expect(throws: ServeCommand.FixtureError.self) {
            try ServeCommand.prepareEnvironment(try settings(["--models", "/nonexistent/models.json"]))
        }
    }

    @Test func theHelpStatesTheDefaultProfileTheMockUses() {
        #expect(
            ServeOptions.defaultProfileText == "a 128000-token context at $0.001 in, $0.002 out per 1K tokens"
        )
    }
}
