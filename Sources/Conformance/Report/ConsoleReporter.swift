/// Human-readable text: one line per scenario as it runs, then the summary by requirement.
public enum ConsoleReporter {
    public static func scenarioLine(_ result: ScenarioResult) -> String {
        let mark: String
        switch result.verdict {
        case .passed: mark = "PASS"
        case .failed: mark = "FAIL"
        case .warned: mark = "WARN"
        case .skipped: mark = "SKIP"
        }
        var line =
            "\(mark) \(result.api)/\(result.name) (\(result.checks) checks, \(result.requests) requests, \(result.milliseconds) ms)"
        if result.failedChecks > 0 { line += ", \(result.failedChecks) deviations" }
        if let reason = result.reason { line += " — \(reason)" }
        return line
    }

    /// The summary printed after the run.
    public static func summary(_ report: ConformanceReport) -> String {
        var lines: [String] = [""]
        let problems = report.requirements.filter { $0.verdict == .failed || $0.verdict == .warned }
        for requirement in problems {
            let label = requirement.verdict == .failed ? "FAILED" : "WARNING"
            lines.append(
                "\(label) \(requirement.id) (\(requirement.level) by \(requirement.basis); \(requirement.source))"
            )
            lines.append("  \(requirement.statement)")
            lines.append("  why:      \(requirement.rationale)")
            for deviation in requirement.deviations.prefix(3) {
                lines.append("  in \(deviation.scenario) / \(deviation.step)#\(deviation.iteration)")
                lines.append("    expected: \(deviation.expected)")
                lines.append("    actual:   \(deviation.actual)")
                if !deviation.reproducer.isEmpty { lines.append("    repro:    \(deviation.reproducer)") }
            }
            if requirement.deviations.count > 3 {
                lines.append("  … and \(requirement.deviations.count - 3) more")
            }
        }
        let skipped = report.requirements.filter { $0.verdict == .skipped }
        if !skipped.isEmpty {
            lines.append("SKIPPED \(skipped.count) requirements:")
            for requirement in skipped {
                lines.append("  \(requirement.id): \(requirement.reason ?? "not checked")")
            }
        }
        let s = report.summary
        let score = (s.score * 1000).rounded() / 10
        lines.append(
            "Requirements: \(s.passed) passed, \(s.failed) failed, \(s.warned) warned, \(s.skipped) skipped. "
                + "Score \(score)% (passed ÷ checked). \(report.requestsSent) requests.")
        if let aborted = report.abortedBecause { lines.append("The run stopped early: \(aborted)") }
        return lines.joined(separator: "\n")
    }
}
