import Foundation
import Testing

/// Every Konnect requirement of the catalogue must be named by some test in this folder.
@Suite("Konnect requirement coverage")
struct KonnectRequirementCoverageTests {
    /// The repository root, four levels above this file (`Tests/MockServerTests/Konnect/…`).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    private struct Catalogue: Decodable {
        struct Requirement: Decodable { var id: String }
        var requirements: [Requirement]
    }

    @Test("every KON- requirement of Specs/requirements.json is named by a Konnect test")
    func everyRequirementIsNamed() throws {
        let catalogueURL = Self.root.appendingPathComponent("Specs/requirements.json")
        let catalogue = try JSONDecoder().decode(Catalogue.self, from: Data(contentsOf: catalogueURL))
        let ids = catalogue.requirements.map(\.id).filter { $0.hasPrefix("KON-") }
        #expect(!ids.isEmpty, "the catalogue lists no Konnect requirement")

        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let ownName = URL(fileURLWithPath: #filePath).lastPathComponent
        var sources = ""
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        where name.hasSuffix(".swift") && name != ownName {
            sources += try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        let missing = ids.filter { !Self.mentions(sources, $0) }
        #expect(missing.isEmpty, "Konnect requirements no test names: \(missing.joined(separator: ", "))")
    }

    @Test("an id counts only as a whole id, not as the prefix of a longer one")
    func wholeIDsOnly() {
        #expect(Self.mentions("@Test(\"X-A-1, X-A: t\")", "X-A"))
        #expect(!Self.mentions("@Test(\"X-A-1: t\")", "X-A"))
        #expect(!Self.mentions("nothing here", "X-A"))
    }

    /// Whether `id` occurs as a whole id, not as the prefix of a longer one.
    static func mentions(_ text: String, _ id: String) -> Bool {
        var rest = text[...]
        while let range = rest.range(of: id) {
            let next = rest[range.upperBound...].first
            if let next, next.isLetter || next.isNumber || next == "-" {
                rest = rest[range.upperBound...]
                continue
            }
            return true
        }
        return false
    }
}
