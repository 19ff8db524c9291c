/// The independent server's own model table and token arithmetic.
struct IndependentModel: Sendable {
    var name: String
    var contextLimit: Int
    /// US dollars per million tokens.
    var inputPrice: Double
    var outputPrice: Double
}

enum IndependentModels {
    // Differs: the mock prices per thousand tokens with its own seven-model table vs we keep
    // three entries priced per million tokens; the seed allows it because it names gpt-4o
    // only as an example and shows no price list.
    static let table: [String: IndependentModel] = [
        "gpt-4o": IndependentModel(name: "gpt-4o", contextLimit: 128_000, inputPrice: 2.5, outputPrice: 10),
        "mock-small-512": IndependentModel(
            name: "mock-small-512", contextLimit: 512, inputPrice: 0.5, outputPrice: 1.5),
        "claude-3-haiku": IndependentModel(
            name: "claude-3-haiku", contextLimit: 200_000, inputPrice: 0.25, outputPrice: 1.25),
    ]

    // Differs: the mock answers 400 for a model missing from its table vs we serve it with a
    // default 8192-token window; the seed allows it because it says only that the model is
    // chosen per message, not which ids exist.
    /// The model of that name, or a generic one with an 8192-token window.
    static func lookup(_ name: String) -> IndependentModel {
        table[name] ?? IndependentModel(name: name, contextLimit: 8192, inputPrice: 1, outputPrice: 2)
    }
}

enum IndependentTokens {
    // Differs: the mock counts ceil(UTF-8 bytes / 4) vs we count four tokens per three
    // words; the seed allows it because it never says how tokens are counted.
    /// Tokens of one text: words × 4 / 3, at least one for a non-empty text.
    static func count(_ text: String) -> Int {
        let words = text.split(whereSeparator: { $0.isWhitespace }).count
        return words == 0 ? 0 : max(1, words * 4 / 3)
    }

    /// Framing the model pays per message it sees (role markers), on top of its text.
    static let perMessage = 2

    /// Input tokens of a list of messages as the model sees them.
    static func input(_ texts: [String]) -> Int {
        texts.reduce(0) { $0 + count($1) + perMessage }
    }

    // Differs: the mock rounds each turn's cost to 6 decimals vs we round to 8; the seed
    // allows it because it shows one cost (0.0021) and no rounding rule.
    static func cost(_ model: IndependentModel, input: Int, output: Int) -> Double {
        round8((Double(input) * model.inputPrice + Double(output) * model.outputPrice) / 1_000_000)
    }

    static func round8(_ value: Double) -> Double {
        (value * 100_000_000).rounded() / 100_000_000
    }
}
