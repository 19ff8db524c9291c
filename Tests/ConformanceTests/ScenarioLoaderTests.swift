import Conformance
import Foundation
import JSONSchema
import SessionsAPI
import Testing

@Suite struct ScenarioLoaderTests {
    private func load(_ text: String, known: Set<String>? = nil) throws -> Scenario {
        try ScenarioLoader.parse(Array(text.utf8), file: "x.json", knownRequirements: known)
    }

    private func loadError(_ text: String, known: Set<String>? = nil) -> ScenarioLoadError? {
        do {
            _ = try load(text, known: known)
            return nil
        } catch let error as ScenarioLoadError {
            return error
        } catch {
            return nil
        }
    }

    private let minimal = """
        {"name": "s", "api": "konnect", "steps": [{"name": "list", "request": {"method": "GET", "path": "/v1/sessions"},
         "expect": [{"status": [200, 201], "requirements": ["KON-LIST-STATUS-200"]}]}]}
        """

    @Test func loadsAMinimalScenario() throws {
        let scenario = try load(minimal)
        #expect(scenario.name == "s")
        #expect(scenario.api == .konnect)
        #expect(scenario.steps.count == 1)
        #expect(scenario.steps[0].request.identity == .a)
        guard case .status(let codes) = scenario.steps[0].expectations[0].check else {
            Issue.record("expected a status check")
            return
        }
        #expect(codes == [200, 201])
    }

    @Test func malformedJSONNamesTheFile() {
        let error = loadError("{\"name\": ")
        #expect(error?.file == "x.json")
        #expect(error?.description.contains("not valid JSON") == true)
    }

    @Test func truncatedAndHostileInputsGiveErrorsNotCrashes() {
        let bytes = Array(minimal.utf8)
        for cut in stride(from: 0, to: bytes.count, by: 7) {
            #expect(throws: ScenarioLoadError.self) {
                _ = try ScenarioLoader.parse(Array(bytes.prefix(cut)), file: "cut.json")
            }
        }
        #expect(throws: ScenarioLoadError.self) { _ = try load("[1, 2, 3]") }
        #expect(throws: ScenarioLoadError.self) { _ = try load("null") }
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        #expect(throws: (any Error).self) { _ = try load(deep) }
    }

    @Test func oversizedFileIsRefused() {
        let big = [UInt8](repeating: 0x20, count: (1 << 20) + 1)
        #expect(throws: ScenarioLoadError.self) { _ = try ScenarioLoader.parse(big, file: "big.json") }
    }

    @Test func errorsNameTheField() {
        let cases: [(String, String)] = [
            (minimal.replacingOccurrences(of: "\"konnect\"", with: "\"soap\""), "/api"),
            (minimal.replacingOccurrences(of: "[200, 201]", with: "\"ok\""), "/steps/0/expect/0/status"),
            (minimal.replacingOccurrences(of: "\"GET\"", with: "\"get\""), "/steps/0/request/method"),
            (minimal.replacingOccurrences(of: "\"/v1/sessions\"", with: "\"v1\""), "/steps/0/request/path"),
            (
                minimal.replacingOccurrences(
                    of: "\"requirements\": [\"KON-LIST-STATUS-200\"]", with: "\"requirements\": []"),
                "/steps/0/expect/0/requirements"
            ),
            (
                minimal.replacingOccurrences(
                    of: "\"name\": \"list\",", with: "\"name\": \"list\", \"bogus\": 1,"),
                "/steps/0/bogus"
            ),
            (
                minimal.replacingOccurrences(of: "\"status\": [200, 201]", with: "\"pointer\": \"/a\""),
                "/steps/0/expect/0"
            ),
            (
                minimal.replacingOccurrences(of: "\"status\": [200, 201]", with: "\"invariant\": \"nope\""),
                "/steps/0/expect/0/invariant"
            ),
            (
                minimal.replacingOccurrences(
                    of: "\"status\": [200, 201]", with: "\"pointer\": \"/a\", \"matches\": \"(\""),
                "/steps/0/expect/0/matches"
            ),
        ]
        for (text, field) in cases {
            let error = loadError(text)
            #expect(error?.field == field, "\(text)")
        }
    }

    @Test func unknownRequirementIsRefused() {
        let error = loadError(minimal, known: ["KON-OTHER"])
        #expect(error?.field == "/steps/0/expect/0/requirements/0")
        #expect(error?.message.contains("not in the requirement catalogue") == true)
        let wrongAPI = loadError(
            minimal.replacingOccurrences(of: "KON-LIST-STATUS-200", with: "CID-LIST-SHAPE"),
            known: ["CID-LIST-SHAPE"])
        #expect(wrongAPI?.message.contains("other API") == true)
    }

    @Test func everyScenarioOfTheSpecsLoadsAgainstTheCatalogue() throws {
        let specs = SpecsLocation.defaultDirectory
        let catalogue = try RequirementCatalogue.load(from: specs.appendingPathComponent("requirements.json"))
        let scenarios = try ScenarioLoader.load(
            from: specs, apis: APIKind.allCases, knownRequirements: Set(catalogue.requirements.map(\.id)))
        #expect(scenarios.count >= 10)
        #expect(Set(scenarios.map(\.api)) == Set(APIKind.allCases))
    }
}
