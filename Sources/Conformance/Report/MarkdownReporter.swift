import Foundation
import SessionsAPI

/// A GitHub-flavoured Markdown summary of a run, for a CI job page (`$GITHUB_STEP_SUMMARY`):
/// a headline, a table per scenario, a table of the requirements that failed or warned, and
/// each one's deviations with their reproducers folded in `<details>`. Deterministic: no
/// wall times, so two runs of the same target give the same text.
public enum MarkdownReporter {
    public static func markdown(_ report: ConformanceReport) -> String {
        var out: [String] = []
        let s = report.summary
        let failed = report.exitCode != 0
        out.append("# Sessions conformance: \(failed ? "failed" : "passed")")
        out.append("")
        let version = report.toolVersion.map { " \($0)" } ?? ""
        let strict = report.strict ? ", `--strict`" : ""
        out.append(
            "`sessions check`\(version) against \(code(report.target)) (\(report.apis.joined(separator: ", "))\(strict)): "
                + "**\(s.passed) passed, \(s.failed) failed, \(s.warned) warned, \(s.skipped) skipped**; "
                + "score \(percent(s.score)) (passed ÷ checked); \(report.requestsSent) requests.")
        if let aborted = report.abortedBecause {
            out.append("")
            out.append("> **The run stopped early:** \(inline(aborted))")
        }
        out.append("")
        out.append("## Scenarios")
        out.append("")
        out.append(row(["Scenario", "API", "Verdict", "Checks", "Deviations", "Requests"]))
        out.append("| --- | --- | --- | ---: | ---: | ---: |")
        for scenario in report.scenarios {
            var name = cell(scenario.name)
            if let reason = scenario.reason { name += " — " + cell(reason) }
            out.append(
                row([
                    name, cell(scenario.api), verdict(scenario.verdict), "\(scenario.checks)",
                    "\(scenario.failedChecks)", "\(scenario.requests)",
                ]))
        }
        let problems = report.requirements.filter { $0.verdict == .failed || $0.verdict == .warned }
        out.append("")
        out.append("## Failing requirements")
        out.append("")
        if problems.isEmpty {
            out.append("None.")
        } else {
            out.append(row(["Requirement", "API", "Level", "Verdict", "Deviations", "Statement"]))
            out.append("| --- | --- | --- | --- | ---: | --- |")
            for requirement in problems {
                out.append(
                    row([
                        code(requirement.id), cell(requirement.api), cell(requirement.level),
                        verdict(requirement.verdict), "\(requirement.deviations.count)",
                        cell(requirement.statement),
                    ]))
            }
            for requirement in problems { out += details(requirement) }
        }
        let skipped = report.requirements.filter { $0.verdict == .skipped }
        if !skipped.isEmpty {
            out.append("")
            out.append("<details><summary>\(skipped.count) requirements skipped</summary>")
            out.append("")
            for requirement in skipped {
                out.append("- \(code(requirement.id)): \(inline(requirement.reason ?? "not checked"))")
            }
            out.append("")
            out.append("</details>")
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// A requirement's deviations, each with its reproducer, folded.
    private static func details(_ requirement: RequirementResult) -> [String] {
        var out = [
            "",
            "### \(code(requirement.id))",
            "",
            "\(inline(requirement.statement)) (\(inline(requirement.level)) by \(inline(requirement.basis)); \(inline(requirement.source))). Why: \(inline(requirement.rationale))",
            "",
            "<details><summary>\(requirement.deviations.count) deviations, with reproducers</summary>",
        ]
        for deviation in requirement.deviations {
            out.append("")
            out.append(
                "- **\(inline(deviation.scenario)) / \(inline(deviation.step))#\(deviation.iteration)**: "
                    + "expected \(inline(deviation.expected)); actual \(inline(deviation.actual))")
            if !deviation.reproducer.isEmpty {
                let fence = self.fence(for: deviation.reproducer)
                out.append("")
                out.append("  \(fence)sh")
                for line in deviation.reproducer.split(separator: "\n", omittingEmptySubsequences: false) {
                    out.append("  " + line)
                }
                out.append("  \(fence)")
            }
        }
        out.append("")
        out.append("</details>")
        return out
    }

    private static func verdict(_ verdict: Verdict) -> String {
        switch verdict {
        case .passed: return "✅ passed"
        case .failed: return "❌ failed"
        case .warned: return "⚠️ warned"
        case .skipped: return "⏭️ skipped"
        }
    }

    private static func row(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |"
    }

    /// Text for a table cell: one line, pipes escaped, HTML inert.
    static func cell(_ text: String) -> String {
        inline(text).replacingOccurrences(of: "|", with: "\\|")
    }

    /// Text for running Markdown: one line, HTML and emphasis markers inert.
    static func inline(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\n", "\r", "\t": out += " "
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "*", "_", "`", "[", "]", "\\", "#": out += "\\\(character)"
            default: out.append(character)
            }
        }
        return out
    }

    /// Inline code that survives backticks inside: a longer run of backticks around it.
    static func code(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "|", with: "\\|")
        let ticks = String(repeating: "`", count: longestRun(of: "`", in: flat) + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return ticks + pad + flat + pad + ticks
    }

    /// A fence longer than any run of backticks in `text` (at least three).
    static func fence(for text: String) -> String {
        String(repeating: "`", count: max(3, longestRun(of: "`", in: text) + 1))
    }

    private static func longestRun(of mark: Character, in text: String) -> Int {
        var longest = 0
        var current = 0
        for character in text {
            current = character == mark ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    private static func percent(_ score: Double) -> String {
        let tenths = (score * 1000).rounded() / 10
        return "\(tenths)%"
    }
}
