import Foundation
import JSONSchema

/// Reads the scenario files of `Specs/<api>/scenarios/` in name order.
public enum ScenarioLoader {
    /// Files larger than this are refused: a scenario is a page of JSON, not a data set.
    static let maxFileSize = 1 << 20

    /// Parses one scenario file's bytes.
    /// - Parameters:
    ///   - file: the name errors will show.
    ///   - knownRequirements: when given, every requirement id must be one of these.
    public static func parse(_ bytes: [UInt8], file: String, knownRequirements: Set<String>? = nil) throws
        -> Scenario
    {
        guard bytes.count <= maxFileSize else {
            throw ScenarioLoadError(file: file, field: "", message: "is larger than \(maxFileSize) bytes")
        }
        let root: JSONValue
        do {
            root = try JSONValue.parse(bytes)
        } catch {
            throw ScenarioLoadError(file: file, field: "", message: "is not valid JSON: \(error)")
        }
        let scenario = try ScenarioDecoder(file: file).decode(root)
        if let knownRequirements {
            try checkRequirements(of: scenario, against: knownRequirements)
        }
        return scenario
    }

    /// Loads every `*.json` under `<specs>/<api>/scenarios/` for the given APIs.
    public static func load(from specs: URL, apis: [APIKind], knownRequirements: Set<String>? = nil) throws
        -> [Scenario]
    {
        var scenarios: [Scenario] = []
        for api in apis {
            let folder = specs.appendingPathComponent(api.rawValue).appendingPathComponent("scenarios")
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                    .filter { $0.hasSuffix(".json") }.sorted()
            } catch {
                throw ScenarioLoadError(
                    file: folder.path, field: "",
                    message: "cannot list scenarios: \(error.localizedDescription)")
            }
            for name in names {
                let relative = "\(api.rawValue)/scenarios/\(name)"
                guard
                    let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
                else {
                    throw ScenarioLoadError(file: relative, field: "", message: "cannot be read")
                }
                let scenario = try parse(Array(data), file: relative, knownRequirements: knownRequirements)
                guard scenario.api == api else {
                    throw ScenarioLoadError(
                        file: relative, field: "/api",
                        message: "says \(scenario.api.rawValue) but lives under \(api.rawValue)/")
                }
                scenarios.append(scenario)
            }
        }
        return scenarios
    }

    private static func checkRequirements(of scenario: Scenario, against known: Set<String>) throws {
        let prefix = scenario.api == .cid222 ? "CID-" : "KON-"
        for (stepIndex, step) in scenario.steps.enumerated() {
            for (index, expectation) in step.expectations.enumerated() {
                for (idIndex, id) in expectation.requirements.enumerated()
                where !known.contains(id) || !id.hasPrefix(prefix) {
                    throw ScenarioLoadError(
                        file: scenario.file,
                        field: "/steps/\(stepIndex)/expect/\(index)/requirements/\(idIndex)",
                        message: known.contains(id)
                            ? "'\(id)' belongs to the other API"
                            : "'\(id)' is not in the requirement catalogue")
                }
            }
        }
    }
}
