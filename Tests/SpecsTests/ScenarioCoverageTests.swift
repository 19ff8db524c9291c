import Foundation
import SessionsAPI
import Testing

/// Flipped to `true` by the runner's issue once scenarios cover the whole catalogue.
let scenariosMustCoverCatalogue = true

/// Requirements no scenario can check against a black box, each with the reason. Empty now
/// that `error_after` makes the mock fail a stream with an `error` event on demand (checked by
/// `cid222/scenarios/mock-rules.json`); an entry here is `"ID": "why no scenario can check it"`.
let requirementsNoScenarioCanCheck: [String: String] = [:]

@Suite struct ScenarioCoverageTests {
    /// Every `Specs/<api>/scenarios/*.json`, as text.
    private func scenarioTexts() throws -> [(name: String, text: String)] {
        var texts: [(String, String)] = []
        let manager = FileManager.default
        for api in RequirementAPI.allCases {
            let folder = SpecsLocation.defaultDirectory.appendingPathComponent("\(api.rawValue)/scenarios")
            guard let names = try? manager.contentsOfDirectory(atPath: folder.path) else { continue }
            for name in names.sorted() where name.hasSuffix(".json") {
                let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
                texts.append(("\(api.rawValue)/scenarios/\(name)", text))
            }
        }
        return texts
    }

    /// Quoted strings in `text` that look like requirement ids.
    private func referencedIDs(in text: String) -> Set<String> {
        var found: Set<String> = []
        for piece in text.split(separator: "\"") where piece.hasPrefix("CID-") || piece.hasPrefix("KON-") {
            let candidate = String(piece)
            if Requirement.isWellFormedID(candidate) { found.insert(candidate) }
        }
        return found
    }

    @Test func scenariosReferenceOnlyKnownRequirements() throws {
        let catalogue = try RequirementCatalogue.load(from: SpecsLocation.requirementsFile)
        for (name, text) in try scenarioTexts() {
            for id in referencedIDs(in: text).sorted() {
                #expect(catalogue.contains(id: id), "\(name) references unknown requirement \(id)")
            }
        }
    }

    @Test func listsRequirementsNoScenarioReferences() throws {
        let catalogue = try RequirementCatalogue.load(from: SpecsLocation.requirementsFile)
        let referenced = try scenarioTexts().reduce(into: Set<String>()) {
            $0.formUnion(referencedIDs(in: $1.text))
        }
        let uncovered = catalogue.requirements.map(\.id).filter {
            !referenced.contains($0) && requirementsNoScenarioCanCheck[$0] == nil
        }
        if !uncovered.isEmpty {
            print(
                "Requirements no scenario references yet (\(uncovered.count)):\n  "
                    + uncovered.joined(separator: "\n  "))
        }
        if scenariosMustCoverCatalogue {
            #expect(uncovered.isEmpty, "uncovered: \(uncovered.joined(separator: ", "))")
        }
    }
}
