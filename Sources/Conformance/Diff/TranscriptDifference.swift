/// One place where two recordings behaved differently.
public struct TranscriptDifference: Sendable, Equatable, CustomStringConvertible {
    /// `api/scenario`.
    public var scenario: String
    /// The step and iteration, nil for differences of the scenario as a whole.
    public var step: String?
    public var iteration: Int?
    /// What differs: `status`, `header content-type`, `body /data/0/title`, `events`, …
    public var what: String
    /// Each side's value as text (`absent` when one side has none).
    public var a: String
    public var b: String

    public init(
        scenario: String, step: String? = nil, iteration: Int? = nil, what: String, a: String, b: String
    ) {
        self.scenario = scenario
        self.step = step
        self.iteration = iteration
        self.what = what
        self.a = a
        self.b = b
    }

    /// `step "rename" #0: status: A 200, B 400`.
    public var description: String {
        var place = ""
        if let step { place = "step \"\(step)\"" + (iteration.map { $0 > 0 ? " #\($0)" : "" } ?? "") + ": " }
        return "\(place)\(what): A \(a), B \(b)"
    }
}

/// How strictly `TranscriptDiff` compares.
public struct DiffOptions: Sendable, Equatable {
    /// False (the default): model output (reply text, token counts, costs, models used) is
    /// compared by JSON type only, runs of streamed deltas count as one, and only headers
    /// with meaning to a client are compared, so two correct runs with different seeds, or
    /// the mock and a deployment, compare equal. True: every value and header compared.
    public var exact: Bool
    /// At most this many differences are listed per exchange; the rest are counted.
    public var limitPerExchange: Int

    public init(exact: Bool = false, limitPerExchange: Int = 20) {
        self.exact = exact
        self.limitPerExchange = limitPerExchange
    }
}
