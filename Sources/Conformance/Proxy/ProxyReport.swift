import Foundation
import SessionsAPI
import Synchronization

/// What `GET /__admin/proxy/report` answers and `--report-json` writes: the verdicts in the
/// shape `check` reports them (so JUnit and dashboards read both alike), plus each deviation
/// with the side at fault.
public struct ProxyReport: Codable, Sendable, Equatable {
    public var report: ConformanceReport
    /// The most recent deviations, oldest first (at most `ProxyFindings.keptDeviations`).
    public var deviations: [ProxyDeviation]
    /// Deviations seen in all, including those no longer kept.
    public var deviationCount: Int
    public var exchanges: Int

    /// 0 with no failure; 1 with one (with `strict`, a warning counts too).
    public var exitCode: Int32 { report.exitCode }

    /// Pretty JSON with sorted keys.
    public func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return [] }
        return Array(data) + [0x0A]
    }
}

/// Every verdict the proxy reached so far, shared by all exchanges. Memory is bounded: per
/// requirement only a count of passes and the first deviations are kept, and a ring of the
/// latest deviations for the report.
public final class ProxyFindings: Sendable {
    public static let keptDeviations = 500
    static let deviationsPerRequirement = 20

    private struct State {
        var passes: [String: Int] = [:]
        var deviations: [String: [Deviation]] = [:]
        var recent: [ProxyDeviation] = []
        var deviationCount = 0
        var exchanges = 0
    }

    private let catalogue: RequirementCatalogue
    private let apis: [APIKind]
    private let strict: Bool
    private let target: String
    private let state = Mutex(State())
    private let announce: @Sendable (ProxyDeviation) -> Void

    /// - Parameter announce: called once per deviation as it is found (the CLI prints it).
    public init(
        catalogue: RequirementCatalogue, apis: [APIKind], strict: Bool, target: String,
        announce: @escaping @Sendable (ProxyDeviation) -> Void = { _ in }
    ) {
        self.catalogue = catalogue
        self.apis = apis
        self.strict = strict
        self.target = target
        self.announce = announce
    }

    /// Counts one more exchange and returns its number (1-based).
    func beginExchange() -> Int {
        state.withLock { state in
            state.exchanges += 1
            return state.exchanges
        }
    }

    /// Records the verdicts of one exchange; deviations are announced outside the lock.
    func record(_ verdicts: VerdictList, exchange: Int, request: String) {
        var found: [ProxyDeviation] = []
        for verdict in verdicts.verdicts {
            guard let problem = verdict.problem else { continue }
            let level = catalogue.requirement(id: verdict.requirement)?.level.rawValue ?? "unknown"
            found.append(
                ProxyDeviation(
                    requirement: verdict.requirement, level: level, side: verdict.side, exchange: exchange,
                    request: request, expected: problem.expected, actual: problem.actual))
        }
        state.withLock { state in
            for verdict in verdicts.verdicts where verdict.problem == nil {
                state.passes[verdict.requirement, default: 0] += 1
            }
            for deviation in found {
                state.deviationCount += 1
                state.recent.append(deviation)
                if state.recent.count > Self.keptDeviations { state.recent.removeFirst() }
                var kept = state.deviations[deviation.requirement, default: []]
                if kept.count < Self.deviationsPerRequirement {
                    kept.append(
                        Deviation(
                            requirement: deviation.requirement,
                            scenario: "proxy (\(deviation.side.rawValue))",
                            step: deviation.request, iteration: deviation.exchange,
                            expected: deviation.expected,
                            actual: deviation.actual, reproducer: ""))
                    state.deviations[deviation.requirement] = kept
                }
            }
        }
        for deviation in found { announce(deviation) }
    }

    /// The report so far.
    public func report() -> ProxyReport {
        let snapshot = state.withLock { $0 }
        let wanted = Set(apis.map { $0 == .cid222 ? RequirementAPI.cid222 : RequirementAPI.konnect })
        let requirements = catalogue.requirements.filter { wanted.contains($0.api) }.map { requirement in
            let found = snapshot.deviations[requirement.id] ?? []
            let passed = snapshot.passes[requirement.id] ?? 0
            let verdict: Verdict =
                !found.isEmpty
                ? (requirement.level == .documented ? .failed : .warned) : passed > 0 ? .passed : .skipped
            return RequirementResult(
                id: requirement.id, api: requirement.api.rawValue, level: requirement.level.rawValue,
                basis: requirement.basis.rawValue,
                source: "\(requirement.source.file) § \(requirement.source.section)",
                statement: requirement.statement, rationale: requirement.rationale, verdict: verdict,
                passedChecks: passed, deviations: found,
                reason: verdict == .skipped ? "no exchange through the proxy exercised it" : nil)
        }
        let report = ConformanceReport(
            target: target, apis: apis.map(\.rawValue), strict: strict, scenarios: [],
            requirements: requirements, summary: ReportSummary(requirements),
            requestsSent: snapshot.exchanges,
            abortedBecause: nil)
        return ProxyReport(
            report: report, deviations: snapshot.recent, deviationCount: snapshot.deviationCount,
            exchanges: snapshot.exchanges)
    }
}
