import SessionsAPI

/// Folds check records into per-scenario and per-requirement verdicts.
struct ResultAggregator {
    let catalogue: RequirementCatalogue
    let apis: [APIKind]
    let redactor: Redactor
    let baseURL: String

    private var scenarioResults: [ScenarioResult] = []
    private var passes: [String: Int] = [:]
    private var deviations: [String: [Deviation]] = [:]
    private var blockReasons: [String: String] = [:]

    init(catalogue: RequirementCatalogue, apis: [APIKind], redactor: Redactor, baseURL: String) {
        self.catalogue = catalogue
        self.apis = apis
        self.redactor = redactor
        self.baseURL = baseURL
    }

    mutating func add(_ scenario: Scenario, _ run: ScenarioRun, milliseconds: Int) -> ScenarioResult {
        var failed = 0
        var failedDocumented = false
        var checks = 0
        for record in run.records {
            for id in record.requirements {
                switch record.verdict {
                case .passed:
                    passes[id, default: 0] += 1
                    checks += 1
                case .failed(let expected, let actual):
                    checks += 1
                    failed += 1
                    if catalogue.requirement(id: id)?.level == .documented { failedDocumented = true }
                    let reproducer = record.request.map {
                        CurlReproducer.command(for: $0, baseURL: baseURL, redactor: redactor)
                    }
                    deviations[id, default: []].append(
                        Deviation(
                            requirement: id, scenario: scenario.name, step: record.step,
                            iteration: record.iteration,
                            expected: redactor.redact(expected), actual: redactor.redact(actual),
                            reproducer: reproducer ?? ""))
                case .blocked(let reason):
                    if blockReasons[id] == nil {
                        blockReasons[id] = "\(scenario.name) / \(record.step): \(reason)"
                    }
                }
            }
        }
        let verdict: Verdict = failed == 0 ? .passed : failedDocumented ? .failed : .warned
        let result = ScenarioResult(
            name: scenario.name, api: scenario.api.rawValue, file: scenario.file,
            verdict: checks == 0 && failed == 0 ? .skipped : verdict, checks: checks, failedChecks: failed,
            requests: run.requests, milliseconds: milliseconds,
            reason: run.abort.map { "stopped: \($0)" } ?? (checks == 0 ? blockReasons.values.first : nil))
        scenarioResults.append(result)
        return result
    }

    mutating func skip(_ scenario: Scenario, because reason: String) {
        scenarioResults.append(
            ScenarioResult(
                name: scenario.name, api: scenario.api.rawValue, file: scenario.file, verdict: .skipped,
                checks: 0,
                failedChecks: 0, requests: 0, milliseconds: 0, reason: reason))
        for step in scenario.steps {
            for expectation in step.expectations {
                for id in expectation.requirements where blockReasons[id] == nil { blockReasons[id] = reason }
            }
        }
    }

    func report(strict: Bool, requestsSent: Int, abortedBecause: String?) -> ConformanceReport {
        let wanted = Set(apis.map { $0 == .cid222 ? RequirementAPI.cid222 : RequirementAPI.konnect })
        let requirements = catalogue.requirements.filter { wanted.contains($0.api) }.map { requirement in
            let id = requirement.id
            let found = deviations[id] ?? []
            let passed = passes[id] ?? 0
            let verdict: Verdict
            var reason: String?
            if !found.isEmpty {
                verdict = requirement.level == .documented ? .failed : .warned
            } else if passed > 0 {
                verdict = .passed
            } else {
                verdict = .skipped
                reason = blockReasons[id] ?? "no scenario checks it against a black box"
            }
            return RequirementResult(
                id: id, api: requirement.api.rawValue, level: requirement.level.rawValue,
                basis: requirement.basis.rawValue,
                source: "\(requirement.source.file) § \(requirement.source.section)",
                statement: requirement.statement, rationale: requirement.rationale,
                verdict: verdict, passedChecks: passed, deviations: found, reason: reason)
        }
        return ConformanceReport(
            target: baseURL, apis: apis.map(\.rawValue), strict: strict, scenarios: scenarioResults,
            requirements: requirements, summary: ReportSummary(requirements), requestsSent: requestsSent,
            abortedBecause: abortedBecause)
    }
}
