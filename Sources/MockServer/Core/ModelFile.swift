import JSONSchema
import SessionsAPI

/// The models file of `sessions serve --models FILE`, and the JSON `GET /__admin/models`
/// answers with, in one shape so the answer can be saved and loaded back:
///
/// ```json
/// {"replace": false, "strict": false,
///  "models": [{"id": "my-team-model", "context_limit": 32000,
///              "input_price_per_1k": 0.001, "output_price_per_1k": 0.002}],
///  "default": {"context_limit": 128000, "input_price_per_1k": 0.001, "output_price_per_1k": 0.002}}
/// ```
///
/// `models` extends the built-in table (an entry with a known id replaces it), or replaces
/// the table with `"replace": true`; `default` sets the profile unknown names get; `strict`
/// refuses unknown names, as `--strict-models` does. A bare array is a `models` list.
/// Prices are dollars per 1K tokens, as the contract's model table writes them.
public enum ModelFile {
    static let modelKeys: Set<String> = ["id", "context_limit", "input_price_per_1k", "output_price_per_1k"]

    /// The catalog `base` becomes with the file applied; nothing changes when it is invalid.
    public static func apply(_ bytes: [UInt8], to base: CID222ModelCatalog) throws(AdminInputError)
        -> CID222ModelCatalog
    {
        let root = try AdminBody.parse(bytes)
        if case .array = root { return base.extended(with: try models(root)) }
        let fields = try AdminFields(root, name: "models file")
        try fields.rejectUnknown(allowed: ["replace", "strict", "models", "default"])
        let listed =
            try fields.object["models"].map { value throws(AdminInputError) in try models(value) } ?? []
        var catalog =
            try fields.bool("replace") == true ? replaced(base, with: listed) : base.extended(with: listed)
        if let profile = fields.object["default"] {
            catalog.defaultProfile = try model(profile, field: "default", id: "*")
        }
        if try fields.bool("strict") == true { catalog.strict = true }
        return catalog
    }

    /// The catalog as the file format writes it (what `GET /__admin/models` answers).
    public static func json(_ catalog: CID222ModelCatalog) -> JSONValue {
        .object([
            "strict": .bool(catalog.strict),
            "models": .array(catalog.models.map { json($0, withID: true) }),
            "default": json(catalog.defaultProfile, withID: false),
        ])
    }

    private static func json(_ model: CID222Model, withID: Bool) -> JSONValue {
        var object: JSONObject = [
            "context_limit": .int(model.contextLimit),
            "input_price_per_1k": .double(CID222Model.dollars(micros: model.inputMicrosPer1K)),
            "output_price_per_1k": .double(CID222Model.dollars(micros: model.outputMicrosPer1K)),
        ]
        if withID { object["id"] = .string(model.id) }
        return .object(object)
    }

    private static func replaced(_ base: CID222ModelCatalog, with models: [CID222Model]) -> CID222ModelCatalog
    {
        var catalog = base
        catalog.models = []
        return catalog.extended(with: models)
    }

    private static func models(_ value: JSONValue) throws(AdminInputError) -> [CID222Model] {
        guard case .array(let items) = value else {
            throw AdminInputError(field: "models", "must be an array of model objects")
        }
        var models: [CID222Model] = []
        for (index, item) in items.enumerated() {
            models.append(try model(item, field: "models[\(index)]", id: nil))
        }
        return models
    }

    /// One entry; `id` nil reads it from the entry, which then must name itself.
    private static func model(_ value: JSONValue, field: String, id fixedID: String?) throws(AdminInputError)
        -> CID222Model
    {
        do throws(AdminInputError) {
            let fields = try AdminFields(value, name: field)
            try fields.rejectUnknown(allowed: fixedID == nil ? modelKeys : modelKeys.subtracting(["id"]))
            let id: String
            if let fixedID {
                id = fixedID
            } else {
                guard let named = try fields.string("id"), !named.isEmpty else {
                    throw AdminInputError(field: "id", "is required: a non-empty model name")
                }
                id = named
            }
            guard let limit = try fields.int("context_limit", in: 1...Int(Int32.max)) else {
                throw AdminInputError(field: "context_limit", "is required: the model's context in tokens")
            }
            return CID222Model(
                id: id, contextLimit: limit, inputMicrosPer1K: try price(fields, "input_price_per_1k"),
                outputMicrosPer1K: try price(fields, "output_price_per_1k"))
        } catch {
            throw AdminInputError(field: "\(field).\(error.field)", error.message)
        }
    }

    /// Dollars per 1K tokens as whole millionths of a dollar, the unit costs are counted in.
    private static func price(_ fields: AdminFields, _ key: String) throws(AdminInputError) -> Int64 {
        guard let value = fields.object[key] else {
            throw AdminInputError(field: key, "is required: dollars per 1K tokens")
        }
        guard let dollars = value.doubleValue, dollars.isFinite, dollars >= 0, dollars < 1_000_000 else {
            throw AdminInputError(field: key, "must be a number of dollars of at least 0")
        }
        return Int64((dollars * 1_000_000).rounded())
    }
}
