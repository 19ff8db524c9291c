/// How firmly a seed document backs a requirement.
public enum RequirementLevel: String, Codable, Sendable, CaseIterable {
    /// The seed states it: a deviation is a failure.
    case documented
    /// The seed implies it, or common practice and the project's design fix it: a deviation is a
    /// warning unless the runner is strict.
    case inferred
}

/// What in a seed backs a requirement (`Specs/README.md`, "Levels"). The level follows
/// from it: `statement`, `example` and `standard` make a requirement `documented`;
/// `convention` makes it `inferred`.
public enum RequirementBasis: String, Codable, Sendable, CaseIterable {
    /// The seed's prose or one of its parameter tables says it.
    case statement
    /// A request or response example of the seed shows it: a field's presence, or the
    /// meaning its name and sample value carry.
    case example
    /// A standard the seed names requires it (JWT per RFC 7515/7519/8725, Server-Sent
    /// Events per WHATWG).
    case standard
    /// The seed is silent; common practice, the vendor's public docs or our contract fill in.
    case convention

    /// The level this basis gives a requirement.
    public var level: RequirementLevel { self == .convention ? .inferred : .documented }
}

/// Which of the two APIs a requirement belongs to.
public enum RequirementAPI: String, Codable, Sendable, CaseIterable {
    case cid222
    case konnect
}

/// Where in a seed document a requirement comes from.
public struct RequirementSource: Codable, Sendable, Hashable {
    /// The seed's file name, e.g. `000_0fed3ad71083d61a.txt`.
    public var file: String
    /// A heading that appears in that file.
    public var section: String

    public init(file: String, section: String) {
        self.file = file
        self.section = section
    }
}

/// One testable claim about an API, as listed in `Specs/requirements.json`.
public struct Requirement: Codable, Sendable, Hashable, Identifiable {
    /// Stable identifier such as `KON-LIST-DEFAULT-LIMIT`; scenarios and tests refer to it.
    public var id: String
    public var api: RequirementAPI
    /// `METHOD /path` as in the contract, or `*` for a cross-cutting requirement.
    public var endpoint: String
    public var level: RequirementLevel
    /// What in the seed backs the claim; it decides `level`.
    public var basis: RequirementBasis
    /// The claim, in the project's own words.
    public var statement: String
    public var source: RequirementSource
    /// Why the seed backs it (or why it is only a convention), paraphrased, so the owner of a
    /// failing deployment can argue with the verdict.
    public var rationale: String

    public init(
        id: String,
        api: RequirementAPI,
        endpoint: String,
        level: RequirementLevel,
        basis: RequirementBasis,
        statement: String,
        source: RequirementSource,
        rationale: String
    ) {
        self.id = id
        self.api = api
        self.endpoint = endpoint
        self.level = level
        self.basis = basis
        self.statement = statement
        self.source = source
        self.rationale = rationale
    }

    /// Whether `id` follows `^(CID|KON)-[A-Z0-9]+(-[A-Z0-9]+)+$`, written as a scan so the check
    /// needs no regular-expression engine.
    public static func isWellFormedID(_ id: String) -> Bool {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0] == "CID" || parts[0] == "KON" else { return false }
        return parts.dropFirst().allSatisfy { part in
            !part.isEmpty && part.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }
        }
    }

    /// The id prefix that belongs to `api`.
    public static func idPrefix(for api: RequirementAPI) -> String {
        switch api {
        case .cid222: return "CID-"
        case .konnect: return "KON-"
        }
    }
}
