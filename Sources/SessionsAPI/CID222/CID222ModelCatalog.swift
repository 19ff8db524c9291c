/// The models a mock serves: the table of known ones, the profile any other name gets, and
/// whether other names are refused instead. Apps send their own deployment's model names,
/// so by default every name is served; `--strict-models` turns the table into a whitelist.
public struct CID222ModelCatalog: Sendable, Equatable {
    /// Known models, by id; each keeps its own context limit and prices.
    public var models: [CID222Model]
    /// Context limit and prices of a name that is not in `models` (its `id` is not used).
    public var defaultProfile: CID222Model
    /// Refuse names that are not in `models` (400) instead of serving them.
    public var strict: Bool

    /// The profile of an unknown model: a 128k context, like the common chat models, and
    /// $0.001 in / $0.002 out per 1K tokens, round numbers that make costs easy to check.
    public static let builtInDefaultProfile = CID222Model(
        id: "*", contextLimit: 128_000, inputMicrosPer1K: 1000, outputMicrosPer1K: 2000)

    public init(
        models: [CID222Model] = CID222ModelTable.models,
        defaultProfile: CID222Model = CID222ModelCatalog.builtInDefaultProfile, strict: Bool = false
    ) {
        self.models = models
        self.defaultProfile = defaultProfile
        self.strict = strict
    }

    /// The model a send names: its table entry, else (unless `strict`) the default profile
    /// under that name; nil when it is refused.
    public func model(_ id: String) -> CID222Model? {
        if let known = models.first(where: { $0.id == id }) { return known }
        guard !strict else { return nil }
        var profile = defaultProfile
        profile.id = id
        return profile
    }

    /// `models` with `additions` merged in: an addition replaces a known model of the same
    /// id, in place; new ids are appended in their order.
    public func extended(with additions: [CID222Model]) -> CID222ModelCatalog {
        var merged = models
        for model in additions {
            if let index = merged.firstIndex(where: { $0.id == model.id }) {
                merged[index] = model
            } else {
                merged.append(model)
            }
        }
        var catalog = self
        catalog.models = merged
        return catalog
    }
}
