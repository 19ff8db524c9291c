import Foundation
import SessionsAPI
import Testing

@Suite("CID222 requirement coverage")
struct CID222RequirementCoverageTests {
    /// The test sources of this folder, read from disk next to this file.
    static func testSources() throws -> String {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter {
                $0.pathExtension == "swift" && $0.lastPathComponent != "CID222RequirementCoverageTests.swift"
            }
        return try files.map { try String(contentsOf: $0, encoding: .utf8) }.joined(separator: "\n")
    }

    @Test("every CID222 requirement of Specs/requirements.json is named by a test in this folder")
    func everyRequirementNamed() throws {
        let catalogue = try RequirementCatalogue.load(from: SpecsLocation.requirementsFile)
        let ids = catalogue.requirements(for: .cid222).map(\.id)
        #expect(!ids.isEmpty)
        let sources = try Self.testSources()
        let missing = ids.filter { !sources.contains($0) }
        #expect(missing.isEmpty, "CID222 requirements no test names: \(missing.joined(separator: ", "))")
    }

    @Test("every CID id a test names exists in the catalogue")
    func noStaleIDs() throws {
        let catalogue = try RequirementCatalogue.load(from: SpecsLocation.requirementsFile)
        let sources = try Self.testSources()
        let pattern = try NSRegularExpression(pattern: "CID-[A-Z0-9]+(?:-[A-Z0-9]+)+")
        let range = NSRange(sources.startIndex..., in: sources)
        let named = Set(
            pattern.matches(in: sources, range: range).compactMap {
                Range($0.range, in: sources).map { String(sources[$0]) }
            })
        let unknown = named.filter { !catalogue.contains(id: $0) }.sorted()
        #expect(unknown.isEmpty, "ids not in the catalogue: \(unknown.joined(separator: ", "))")
    }
}
