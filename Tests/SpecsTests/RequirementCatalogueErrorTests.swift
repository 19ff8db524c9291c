import Foundation
import SessionsAPI
import Testing

@Suite struct RequirementCatalogueErrorTests {
    private static let valid = #"""
        {"id": "KON-LIST-DEFAULT-LIMIT", "api": "konnect", "endpoint": "GET /v1/sessions", "level": "documented",
         "basis": "statement", "statement": "Twenty by default.",
         "source": {"file": "001_e881a79b0c8c0818.txt", "section": "GET/v1/sessions"},
         "rationale": "The table gives the default."}
        """#

    private func load(_ text: String) -> Result<RequirementCatalogue, RequirementCatalogueError> {
        Result { () throws(RequirementCatalogueError) in
            try RequirementCatalogue(data: Data(text.utf8), path: "t.json")
        }
    }

    private func error(_ text: String) -> RequirementCatalogueError? {
        if case .failure(let error) = load(text) { return error }
        return nil
    }

    private func isMalformed(_ text: String) -> Bool {
        if case .malformed(let path, let reason)? = error(text) { return path == "t.json" && !reason.isEmpty }
        return false
    }

    @Test func acceptsAMinimalCatalogue() throws {
        let catalogue = try load(#"{"requirements": [\#(Self.valid)]}"#).get()
        #expect(catalogue.requirements.map(\.id) == ["KON-LIST-DEFAULT-LIMIT"])
        #expect(try load(#"{"requirements": []}"#).get().requirements.isEmpty)
    }

    @Test(arguments: [
        "", "not json", "[]", "{}", #"{"requirements": {}}"#, #"{"requirements": [1]}"#, "\u{0}\u{1}\u{2}",
        #"{"requirements": [{"id": "KON-A-B"}]}"#,
    ])
    func refusesMalformedFiles(_ text: String) {
        #expect(isMalformed(text))
    }

    @Test func refusesEveryTruncation() {
        let text = #"{"requirements": [\#(Self.valid)]}"#
        let bytes = Array(text.utf8)
        for cut in 0..<bytes.count {
            let prefix = String(decoding: bytes[0..<cut], as: UTF8.self)
            #expect(isMalformed(prefix), "prefix of \(cut) bytes")
        }
    }

    @Test(arguments: [
        ("\"level\": \"documented\"", "\"level\": \"certain\""),
        ("\"api\": \"konnect\"", "\"api\": \"openai\""),
        ("\"api\": \"konnect\"", "\"api\": 3"),
        ("\"statement\": \"Twenty by default.\",", ""),
        ("\"section\": \"GET/v1/sessions\"", "\"section\": null"),
        ("\"basis\": \"statement\",", ""),
        ("\"basis\": \"statement\"", "\"basis\": \"hunch\""),
        ("\"rationale\": \"The table gives the default.\"", "\"rationale\": 1"),
    ])
    func refusesMissingOrMistypedFields(_ change: (String, String)) {
        let text = #"{"requirements": [\#(Self.valid.replacingOccurrences(of: change.0, with: change.1))]}"#
        #expect(isMalformed(text))
    }

    @Test(arguments: [
        "KON-LIMIT", "kon-list-limit", "KON-LIST-", "KON--LIST", "KON-LIST_LIMIT", "CID-LIST-LIMIT",
        "KON-LIST-LIMÏT",
    ])
    func refusesBadIdentifiers(_ id: String) {
        let text =
            #"{"requirements": [\#(Self.valid.replacingOccurrences(of: "KON-LIST-DEFAULT-LIMIT", with: id))]}"#
        #expect(error(text) == .badIdentifier(id))
    }

    @Test func refusesDuplicateIdentifiers() {
        #expect(
            error(#"{"requirements": [\#(Self.valid), \#(Self.valid)]}"#)
                == .duplicateIdentifier("KON-LIST-DEFAULT-LIMIT"))
    }

    @Test func refusesBlankFields() {
        let text =
            #"{"requirements": [\#(Self.valid.replacingOccurrences(of: "Twenty by default.", with: "  "))]}"#
        #expect(error(text) == .incomplete(id: "KON-LIST-DEFAULT-LIMIT", field: "statement"))
    }

    @Test func refusesABlankRationale() {
        let text =
            #"{"requirements": [\#(Self.valid.replacingOccurrences(of: "The table gives the default.", with: " "))]}"#
        #expect(error(text) == .incomplete(id: "KON-LIST-DEFAULT-LIMIT", field: "rationale"))
    }

    /// The level follows from the basis: a convention can never fail a build, and what a seed
    /// states can never be only a warning.
    @Test(arguments: [("documented", "convention"), ("inferred", "statement"), ("inferred", "example")])
    func refusesALevelItsBasisContradicts(_ pair: (String, String)) {
        let text = #"{"requirements": [\#(Self.valid)]}"#
            .replacingOccurrences(of: "\"level\": \"documented\"", with: "\"level\": \"\(pair.0)\"")
            .replacingOccurrences(of: "\"basis\": \"statement\"", with: "\"basis\": \"\(pair.1)\"")
        let level = RequirementLevel(rawValue: pair.0) ?? .documented
        let basis = RequirementBasis(rawValue: pair.1) ?? .statement
        #expect(
            error(text) == .levelContradictsBasis(id: "KON-LIST-DEFAULT-LIMIT", level: level, basis: basis))
    }

    @Test func refusesHostileNestingWithoutCrashing() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(isMalformed(#"{"requirements": \#(deep)}"#))
    }

    @Test func handlesOversizedEntries() throws {
        let long = String(repeating: "x", count: 1_000_000)
        let text =
            #"{"requirements": [\#(Self.valid.replacingOccurrences(of: "Twenty by default.", with: long))]}"#
        let catalogue = try load(text).get()
        #expect(catalogue.requirements.first?.statement.count == long.count)
    }

    @Test func reportsAnUnreadableFile() {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent(
            "no-such-dir-\(UInt64.random(in: 0...UInt64.max))/requirements.json")
        #expect(throws: RequirementCatalogueError.self) { try RequirementCatalogue.load(from: missing) }
        do {
            _ = try RequirementCatalogue.load(from: missing)
        } catch {
            guard case .unreadable(let path, _) = error else {
                Issue.record("expected .unreadable, got \(error)")
                return
            }
            #expect(path == missing.path)
            #expect(error.description.contains("cannot read"))
        }
    }

    @Test func errorDescriptionsNameTheProblem() {
        #expect(RequirementCatalogueError.badIdentifier("X").description.contains("'X'"))
        #expect(
            RequirementCatalogueError.duplicateIdentifier("KON-A-B").description.contains("more than once"))
        #expect(
            RequirementCatalogueError.incomplete(id: "KON-A-B", field: "statement").description.contains(
                "statement"))
        if case .malformed(_, let reason)? = error(#"{"requirements": [{"id": "KON-A-B"}]}"#) {
            #expect(reason.contains("api") || reason.contains("missing"))
        } else {
            Issue.record("expected .malformed")
        }
    }

    @Test(arguments: [
        ("CID-A-B", true), ("KON-LIST-DEFAULT-LIMIT", true), ("KON-A1-2B", true), ("CID-A", false),
        ("XYZ-A-B", false), ("CID-a-B", false), ("CID-A-B ", false), ("", false), ("CID-A--B", false),
    ])
    func wellFormedIDs(_ sample: (String, Bool)) {
        #expect(Requirement.isWellFormedID(sample.0) == sample.1)
    }
}
