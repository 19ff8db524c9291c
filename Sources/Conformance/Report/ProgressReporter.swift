/// What `check` writes while it runs and, with `--quiet`, after it: short enough for a CI log.
public enum ProgressReporter {
    /// `[ 3/22] PASS cid222/send (…)`: the scenario line with how far the run is.
    public static func progressLine(_ line: String, done: Int, of total: Int) -> String {
        let width = String(total).count
        let count = String(done)
        return "[\(String(repeating: " ", count: max(0, width - count.count)))\(count)/\(total)] \(line)"
    }

    /// The scenarios that will print a line: `mockOnly` ones are skipped silently against
    /// a deployment.
    public static func expectedLines(_ scenarios: [Scenario], builtInMock: Bool) -> Int {
        scenarios.filter { builtInMock || !$0.mockOnly }.count
    }

    /// `--quiet`: one line per failing or warning requirement, then the totals.
    public static func quietSummary(_ report: ConformanceReport) -> String {
        var lines: [String] = []
        for requirement in report.requirements
        where requirement.verdict == .failed || requirement.verdict == .warned {
            let label = requirement.verdict == .failed ? "FAILED" : "WARNING"
            let count = requirement.deviations.count
            lines.append("\(label) \(requirement.id): \(count) deviation\(count == 1 ? "" : "s")")
        }
        let s = report.summary
        lines.append(
            "Requirements: \(s.passed) passed, \(s.failed) failed, \(s.warned) warned, \(s.skipped) skipped. "
                + "\(report.requestsSent) requests.")
        if let aborted = report.abortedBecause { lines.append("The run stopped early: \(aborted)") }
        return lines.joined(separator: "\n")
    }
}
