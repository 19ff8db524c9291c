/// A model CID222 can route a message to: its context limit and its prices.
public struct CID222Model: Sendable, Equatable {
    public var id: String
    /// Tokens the model's context may hold.
    public var contextLimit: Int
    /// Price per 1K input tokens, in millionths of a dollar (exact integer arithmetic).
    public var inputMicrosPer1K: Int64
    /// Price per 1K output tokens, in millionths of a dollar.
    public var outputMicrosPer1K: Int64

    public init(id: String, contextLimit: Int, inputMicrosPer1K: Int64, outputMicrosPer1K: Int64) {
        self.id = id
        self.contextLimit = contextLimit
        self.inputMicrosPer1K = inputMicrosPer1K
        self.outputMicrosPer1K = outputMicrosPer1K
    }

    /// A turn's cost in millionths of a dollar: input/1000 × price_in + output/1000 ×
    /// price_out, rounded half up to six decimals of a dollar.
    public func costMicros(inputTokens: Int, outputTokens: Int) -> Int64 {
        let scaled = Int64(inputTokens) * inputMicrosPer1K + Int64(outputTokens) * outputMicrosPer1K
        return (scaled + 500) / 1000
    }

    /// Millionths of a dollar as the dollar amount the wire carries.
    public static func dollars(micros: Int64) -> Double {
        Double(micros) / 1_000_000
    }
}

/// The mock's model table (the wire contract fixes it). The two `mock-` models are small so
/// summarization can be tested with short texts.
public enum CID222ModelTable {
    public static let models: [CID222Model] = [
        CID222Model(id: "gpt-4o", contextLimit: 128_000, inputMicrosPer1K: 2500, outputMicrosPer1K: 10_000),
        CID222Model(id: "gpt-4o-mini", contextLimit: 128_000, inputMicrosPer1K: 150, outputMicrosPer1K: 600),
        CID222Model(
            id: "claude-3-5-sonnet", contextLimit: 200_000, inputMicrosPer1K: 3000, outputMicrosPer1K: 15_000),
        CID222Model(
            id: "claude-3-haiku", contextLimit: 200_000, inputMicrosPer1K: 250, outputMicrosPer1K: 1250),
        CID222Model(
            id: "gemini-1.5-pro", contextLimit: 1_000_000, inputMicrosPer1K: 1250, outputMicrosPer1K: 5000),
        CID222Model(id: "mock-small-512", contextLimit: 512, inputMicrosPer1K: 1000, outputMicrosPer1K: 2000),
        CID222Model(id: "mock-tiny-128", contextLimit: 128, inputMicrosPer1K: 1000, outputMicrosPer1K: 2000),
    ]

    /// The model named `id`, or nil.
    public static func model(_ id: String) -> CID222Model? {
        models.first { $0.id == id }
    }
}
