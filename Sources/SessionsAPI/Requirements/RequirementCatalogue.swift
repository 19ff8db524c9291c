import Foundation

/// Why a requirement catalogue could not be loaded.
public enum RequirementCatalogueError: Error, Equatable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The file is not a catalogue: bad JSON or a missing or mistyped field.
    case malformed(path: String, reason: String)
    /// An id does not follow the naming pattern or does not match its api's prefix.
    case badIdentifier(String)
    /// The same id appears more than once.
    case duplicateIdentifier(String)
    /// A requirement has an empty statement, endpoint, source or rationale.
    case incomplete(id: String, field: String)
    /// A requirement's level is not the one its basis gives (`Specs/README.md`, "Levels").
    case levelContradictsBasis(id: String, level: RequirementLevel, basis: RequirementBasis)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "cannot read requirement catalogue at \(path): \(reason)"
        case .malformed(let path, let reason):
            return "requirement catalogue at \(path) is malformed: \(reason)"
        case .badIdentifier(let id):
            return
                "requirement id '\(id)' does not match ^(CID|KON)-[A-Z0-9]+(-[A-Z0-9]+)+$ with its api's prefix"
        case .duplicateIdentifier(let id):
            return "requirement id '\(id)' appears more than once"
        case .incomplete(let id, let field):
            return "requirement '\(id)' has an empty \(field)"
        case .levelContradictsBasis(let id, let level, let basis):
            return
                "requirement '\(id)' is \(level.rawValue) but its basis '\(basis.rawValue)' makes it \(basis.level.rawValue)"
        }
    }
}

/// The requirement catalogue (`Specs/requirements.json`): every claim the conformance
/// scenarios check, with unique, well-formed ids.
public struct RequirementCatalogue: Sendable {
    /// The requirements in file order.
    public let requirements: [Requirement]
    private let indexByID: [String: Int]

    /// Validates the list: ids well formed, prefixed for their api and unique; no empty fields.
    /// - Parameter requirements: the entries, in the order they should be reported.
    public init(requirements: [Requirement]) throws(RequirementCatalogueError) {
        var index: [String: Int] = [:]
        for (position, requirement) in requirements.enumerated() {
            let id = requirement.id
            guard Requirement.isWellFormedID(id), id.hasPrefix(Requirement.idPrefix(for: requirement.api))
            else {
                throw .badIdentifier(id)
            }
            guard index[id] == nil else { throw .duplicateIdentifier(id) }
            for (field, value) in [
                ("statement", requirement.statement), ("endpoint", requirement.endpoint),
                ("source.file", requirement.source.file), ("source.section", requirement.source.section),
                ("rationale", requirement.rationale),
            ] where value.trimmingCharacters(in: .whitespaces).isEmpty {
                throw .incomplete(id: id, field: field)
            }
            guard requirement.level == requirement.basis.level else {
                throw .levelContradictsBasis(id: id, level: requirement.level, basis: requirement.basis)
            }
            index[id] = position
        }
        self.requirements = requirements
        self.indexByID = index
    }

    /// Decodes and validates a catalogue from the bytes of a `requirements.json` file.
    /// - Parameters:
    ///   - data: the file's contents.
    ///   - path: used in error messages only.
    public init(data: Data, path: String = "<data>") throws(RequirementCatalogueError) {
        struct File: Decodable { var requirements: [Requirement] }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch let error as DecodingError {
            throw .malformed(path: path, reason: Self.explain(error))
        } catch {
            throw .malformed(path: path, reason: "\(error)")
        }
        try self.init(requirements: file.requirements)
    }

    /// Reads and validates the catalogue at `url`.
    /// - Parameter url: a `requirements.json` file, e.g. `SpecsLocation.defaultDirectory`'s.
    public static func load(from url: URL) throws(RequirementCatalogueError) -> RequirementCatalogue {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
        return try RequirementCatalogue(data: data, path: url.path)
    }

    /// The requirement with `id`, or nil.
    public func requirement(id: String) -> Requirement? {
        indexByID[id].map { requirements[$0] }
    }

    /// Whether the catalogue defines `id`.
    public func contains(id: String) -> Bool {
        indexByID[id] != nil
    }

    /// The requirements of one API, in file order.
    public func requirements(for api: RequirementAPI) -> [Requirement] {
        requirements.filter { $0.api == api }
    }

    /// The requirements of one level, in file order.
    public func requirements(at level: RequirementLevel) -> [Requirement] {
        requirements.filter { $0.level == level }
    }

    private static func explain(_ error: DecodingError) -> String {
        func at(_ path: [any CodingKey]) -> String {
            path.isEmpty
                ? "top level"
                : path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let context):
            return "\(context.debugDescription) at \(at(context.codingPath))"
        case .keyNotFound(let key, let context):
            return "missing field '\(key.stringValue)' at \(at(context.codingPath))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(context.debugDescription) at \(at(context.codingPath))"
        @unknown default:
            return "\(error)"
        }
    }
}
