import Foundation
import SessionsAPI
import Testing

@Suite struct RequirementCatalogueTests {
    let catalogue: RequirementCatalogue

    init() throws {
        catalogue = try RequirementCatalogue.load(from: SpecsLocation.requirementsFile)
    }

    @Test func idsAreUniqueAndWellFormed() {
        let ids = catalogue.requirements.map(\.id)
        #expect(Set(ids).count == ids.count)
        for requirement in catalogue.requirements {
            #expect(Requirement.isWellFormedID(requirement.id), "\(requirement.id)")
            #expect(requirement.id.hasPrefix(Requirement.idPrefix(for: requirement.api)), "\(requirement.id)")
        }
    }

    @Test func catalogueIsLargeAndCoversBothLevelsOfBothAPIs() {
        #expect(catalogue.requirements.count > 60)
        for api in RequirementAPI.allCases {
            let entries = catalogue.requirements(for: api)
            #expect(entries.count >= 40, "\(api)")
            for level in RequirementLevel.allCases {
                #expect(entries.contains { $0.level == level }, "\(api) has no \(level) requirement")
            }
        }
    }

    @Test func everySourceIsAHeadingOfItsAPIsSeed() {
        for requirement in catalogue.requirements {
            let file = SeedHeadings.file(for: requirement.api)
            #expect(requirement.source.file == file, "\(requirement.id)")
            #expect(
                SeedHeadings.byFile[file]?.contains(requirement.source.section) == true,
                "\(requirement.id): '\(requirement.source.section)' is not a heading of \(file)")
        }
    }

    @Test func endpointsAreContractEndpointsOrCrossCutting() {
        let endpoints: [RequirementAPI: Set<String>] = [
            .cid222: [
                "*", "POST /sessions", "GET /sessions", "GET /sessions/:id", "DELETE /sessions/:id",
                "POST /sessions/:id/messages",
            ],
            .konnect: [
                "*", "GET /v1/sessions", "GET /v1/sessions/:id", "PATCH /v1/sessions/:id",
                "DELETE /v1/sessions/:id", "POST /v1/chat",
            ],
        ]
        for requirement in catalogue.requirements {
            #expect(endpoints[requirement.api]?.contains(requirement.endpoint) == true, "\(requirement.id)")
        }
    }

    @Test func areasTheBriefNamesAreCovered() {
        let areas = Set(catalogue.requirements.map { $0.id.split(separator: "-")[1] })
        for area in [
            "AUTH", "CREATE", "SEND", "STREAM", "CONTEXT", "TOKENS", "LIST", "GET", "PATCH", "DELETE", "CHAT",
            "VALIDATION", "ERROR",
        ] {
            #expect(areas.contains(Substring(area)), "no requirement in area \(area)")
        }
    }

    @Test func lookupAndFilters() throws {
        let limit = try #require(catalogue.requirement(id: "KON-LIST-DEFAULT-LIMIT"))
        #expect(limit.api == .konnect)
        #expect(limit.level == .documented)
        #expect(limit.endpoint == "GET /v1/sessions")
        #expect(catalogue.requirement(id: "KON-NO-SUCH-THING") == nil)
        #expect(catalogue.contains(id: "CID-STREAM-MESSAGE-STOP"))
        #expect(!catalogue.contains(id: "cid-stream-message-stop"))

        let cid = catalogue.requirements(for: .cid222)
        let konnect = catalogue.requirements(for: .konnect)
        #expect(cid.allSatisfy { $0.id.hasPrefix("CID-") })
        #expect(konnect.allSatisfy { $0.id.hasPrefix("KON-") })
        #expect(cid.count + konnect.count == catalogue.requirements.count)
        let documented = catalogue.requirements(at: .documented)
        #expect(documented.allSatisfy { $0.level == .documented })
        #expect(
            documented.count + catalogue.requirements(at: .inferred).count == catalogue.requirements.count)
    }

    /// The levels the brief fixes explicitly, so a careless edit of the catalogue is caught.
    @Test func levelsTheBriefFixes() {
        let expected: [String: RequirementLevel] = [
            "KON-LIST-DEFAULT-LIMIT": .documented, "KON-LIST-MAX-LIMIT": .documented,
            "KON-LIST-DEFAULT-OFFSET": .documented, "KON-LIST-LIMIT-RANGE-400": .inferred,
            "CID-LIST-ORDER": .documented, "CID-CREATE-STATUS-201": .inferred,
            "CID-STREAM-CONTENT-BLOCK-DELTA": .documented, "CID-STREAM-FILTER-WARNING": .inferred,
            "CID-STREAM-CONTEXT-USAGE": .documented, "CID-STREAM-MESSAGE-STOP": .documented,
            "CID-STREAM-DONE": .inferred, "KON-LIST-ORDER": .inferred, "CID-DELETE-STATUS-204": .inferred,
            // What the examples show by a field's name and sample value is documented.
            "KON-LIST-TOTAL": .documented, "KON-LIST-HAS-MORE": .documented,
            "KON-LIST-MESSAGE-COUNT": .documented, "KON-PATCH-UPDATED-AT": .documented,
            "KON-DELETE-REMOVES": .documented, "KON-DELETE-UNLISTED": .documented,
            "CID-DELETE-UNLISTED": .documented,
            // A mixed requirement splits into a documented core and an inferred detail.
            "KON-AUTH-UNKNOWN-REFUSED": .documented, "KON-AUTH-UNKNOWN-401": .inferred,
            "CID-AUTH-EXPIRED-REFUSED": .documented, "CID-AUTH-EXPIRED-401": .inferred,
            "CID-SEND-IMAGE-ACCEPTED": .documented, "CID-SEND-IMAGE-REDACTED": .inferred,
        ]
        for (id, level) in expected {
            #expect(catalogue.requirement(id: id)?.level == level, "\(id)")
        }
    }
}
