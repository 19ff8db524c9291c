import Conformance
import Foundation
import SessionsAPI
import Testing

/// Every documented requirement has a broken variant that fails it, and `Specs/README.md`
/// says which: a requirement nothing can fail is a requirement nobody has proved the runner
/// checks.
@Suite struct MutationCoverageTests {
    static let heading = "## Broken variants: every documented requirement fails on one"

    /// Requirement id → the variants that break it, as the README's table writes them.
    static func variantsByRequirement(documented ids: Set<String>) -> [String: [String]] {
        var table: [String: [String]] = [:]
        for mutation in Mutation.all {
            for id in mutation.broken where ids.contains(id) {
                table[id, default: []].append("mock: \(mutation.name)")
            }
        }
        for variant in IndependentVariants.all {
            for id in variant.broken where ids.contains(id) {
                table[id, default: []].append("independent: \(variant.name)")
            }
        }
        return table
    }

    static func tableText(_ table: [String: [String]], order: [String]) -> String {
        var lines = ["| requirement | broken variants that fail it |", "|---|---|"]
        for id in order { lines.append("| \(id) | \((table[id] ?? []).joined(separator: "; ")) |") }
        return lines.joined(separator: "\n")
    }

    @Test func everyDocumentedRequirementHasAVariantAndTheReadmeSaysWhich() throws {
        let catalogue = try RequirementCatalogue.load(from: SpecsLocation.requirementsFile)
        let documented = catalogue.requirements(at: .documented).map(\.id)
        let table = Self.variantsByRequirement(documented: Set(documented))
        let uncovered = documented.filter { (table[$0] ?? []).isEmpty }
        #expect(uncovered.isEmpty, "documented requirements no broken variant fails: \(uncovered)")

        let readme = try String(
            contentsOf: SpecsLocation.defaultDirectory.appendingPathComponent("README.md"), encoding: .utf8)
        let expected = Self.tableText(table, order: documented)
        // `MUTATION_TABLE=path swift test --filter MutationCoverage` writes the table to paste.
        if let path = ProcessInfo.processInfo.environment["MUTATION_TABLE"] {
            try Data((expected + "\n").utf8).write(to: URL(fileURLWithPath: path))
        }
        let section = readme.components(separatedBy: Self.heading).dropFirst().first ?? ""
        #expect(
            section.contains(expected),
            "Specs/README.md lacks the section '\(Self.heading)' or its table is out of date; it should hold (MUTATION_TABLE=FILE swift test --filter MutationCoverage writes it):\n\(expected)"
        )
    }
}

/// A broken variant of the independent implementation (`Tests/ConformanceTests/Independent`)
/// and the documented requirements a run against it must fail.
struct IndependentVariant: Sendable {
    var name: String
    var broken: Set<String>
}
