import SessionsAPI

/// The verdict on a requirement or a scenario.
public enum Verdict: String, Codable, Sendable {
    case passed
    /// A `documented` requirement was not met.
    case failed
    /// An `inferred` requirement was not met: reported, but only fatal with `--strict`.
    case warned
    /// Nothing checked it in this run; `reason` says why.
    case skipped
}

/// One way the target differed from a requirement.
public struct Deviation: Codable, Sendable, Equatable {
    public var requirement: String
    public var scenario: String
    public var step: String
    /// Which repetition of the step (0-based), for repeated steps.
    public var iteration: Int
    public var expected: String
    public var actual: String
    /// A shell command that repeats the request, credentials replaced by variables.
    public var reproducer: String
}

/// The outcome for one requirement of the catalogue.
public struct RequirementResult: Codable, Sendable, Equatable {
    public var id: String
    public var api: String
    public var level: String
    /// What in the seed backs it: `statement`, `example`, `standard` or `convention`.
    public var basis: String
    /// `<seed file> § <section heading>`.
    public var source: String
    public var statement: String
    /// Why the seed backs it (or why it is only a convention), paraphrased.
    public var rationale: String
    public var verdict: Verdict
    /// How many checks of it passed.
    public var passedChecks: Int
    public var deviations: [Deviation]
    public var reason: String?
}

/// The outcome of one scenario.
public struct ScenarioResult: Codable, Sendable, Equatable {
    public var name: String
    public var api: String
    public var file: String
    public var verdict: Verdict
    public var checks: Int
    public var failedChecks: Int
    public var requests: Int
    /// Wall time, for the console; not part of recordings.
    public var milliseconds: Int
    public var reason: String?
}

/// Counts over requirements, and the score: passed ÷ (passed + failed + warned).
public struct ReportSummary: Codable, Sendable, Equatable {
    public var passed: Int
    public var failed: Int
    public var warned: Int
    public var skipped: Int
    public var score: Double

    init(_ requirements: [RequirementResult]) {
        passed = requirements.filter { $0.verdict == .passed }.count
        failed = requirements.filter { $0.verdict == .failed }.count
        warned = requirements.filter { $0.verdict == .warned }.count
        skipped = requirements.filter { $0.verdict == .skipped }.count
        let checked = passed + failed + warned
        score = checked == 0 ? 0 : Double(passed) / Double(checked)
    }
}

/// Everything a run found; `--report-json` writes it and it decodes back unchanged.
public struct ConformanceReport: Codable, Sendable, Equatable {
    /// The `sessions` version that ran the check; absent in reports written before 1.0.
    public var toolVersion: String? = SessionsVersion.current
    public var target: String
    public var apis: [String]
    public var strict: Bool
    public var scenarios: [ScenarioResult]
    public var requirements: [RequirementResult]
    public var summary: ReportSummary
    public var requestsSent: Int
    /// Set when the run stopped early (request budget spent, connection lost).
    public var abortedBecause: String?

    /// 0 when nothing failed, 1 when something did (`strict` also counts warnings).
    public var exitCode: Int32 {
        if summary.failed > 0 || (strict && summary.warned > 0) { return 1 }
        return 0
    }
}
