import Foundation
import SessionsAPI
import Testing

@testable import Conformance

@Suite("Markdown report")
struct MarkdownReporterTests {
    /// Text that breaks naive Markdown: pipes, backticks, HTML, line breaks.
    static let nasty = "a | b `c` <script> *d*\nnext"

    static func report() -> ConformanceReport {
        let deviation = Deviation(
            requirement: "KON-LIST-DEFAULT-LIMIT", scenario: "pagination", step: "default | page",
            iteration: 1, expected: nasty, actual: "/data = []",
            reproducer: "curl -sS 'http://x/v1/sessions?a=1|2' \\\n  -H 'X: ```'")
        let requirements = [
            RequirementResult(
                id: "KON-LIST-DEFAULT-LIMIT", api: "konnect", level: "documented", basis: "statement",
                source: "001.txt § GET",
                statement: nasty, rationale: "r", verdict: .failed, passedChecks: 0,
                deviations: [deviation, deviation],
                reason: nil),
            RequirementResult(
                id: "KON-LIST-ORDER", api: "konnect", level: "inferred", basis: "convention",
                source: "001.txt § GET",
                statement: "s", rationale: "r",
                verdict: .warned, passedChecks: 1, deviations: [deviation], reason: nil),
            RequirementResult(
                id: "KON-AUTH-OTHER-USER-404", api: "konnect", level: "inferred", basis: "convention",
                source: "x", statement: "s", rationale: "r",
                verdict: .skipped, passedChecks: 0, deviations: [], reason: "no --api-key-b"),
            RequirementResult(
                id: "KON-LIST-SHAPE", api: "konnect", level: "documented", basis: "statement", source: "x",
                statement: "s", rationale: "r",
                verdict: .passed, passedChecks: 3, deviations: [], reason: nil),
        ]
        return ConformanceReport(
            target: "https://gw.example", apis: ["konnect"], strict: false,
            scenarios: [
                ScenarioResult(
                    name: "pagination", api: "konnect", file: "konnect/scenarios/pagination.json",
                    verdict: .failed, checks: 5, failedChecks: 3, requests: 9, milliseconds: 12, reason: nil),
                ScenarioResult(
                    name: "chat | basics", api: "konnect", file: "konnect/scenarios/chat.json",
                    verdict: .passed, checks: 7, failedChecks: 0, requests: 2, milliseconds: 3, reason: nil),
            ], requirements: requirements, summary: ReportSummary(requirements), requestsSent: 11,
            abortedBecause: nil)
    }

    @Test func theScenarioTableHasARowPerScenario() throws {
        let markdown = MarkdownReporter.markdown(Self.report())
        let document = MarkdownDocument(markdown)
        #expect(document.problems.isEmpty, "\(document.problems)\n\(markdown)")
        let scenarios = try #require(document.tables.first)
        #expect(scenarios.header == ["Scenario", "API", "Verdict", "Checks", "Deviations", "Requests"])
        #expect(scenarios.rows.map { $0["Scenario"] } == ["pagination", #"chat \| basics"#])
        #expect(scenarios.rows.first?["Verdict"] == "❌ failed")
        #expect(scenarios.rows.first?["Deviations"] == "3")
        #expect(scenarios.rows.last?["Verdict"] == "✅ passed")
    }

    @Test func theRequirementTableListsOnlyFailuresAndWarnings() throws {
        let markdown = MarkdownReporter.markdown(Self.report())
        let document = MarkdownDocument(markdown)
        #expect(document.tables.count == 2)
        let failing = try #require(document.tables.last)
        #expect(failing.rows.map { $0["Requirement"] } == ["`KON-LIST-DEFAULT-LIMIT`", "`KON-LIST-ORDER`"])
        #expect(failing.rows.map { $0["Verdict"] } == ["❌ failed", "⚠️ warned"])
        #expect(failing.rows.first?["Deviations"] == "2")
        // The statement stays in its cell: the pipe escaped, the line break flattened, HTML inert.
        #expect(failing.rows.first?["Statement"]?.contains("&lt;script&gt;") == true)
        #expect(!markdown.contains("<script>"))
    }

    @Test func reproducersAreFoldedInDetailsWithAFenceLongerThanTheirBackticks() {
        let markdown = MarkdownReporter.markdown(Self.report())
        #expect(markdown.contains("<details><summary>2 deviations, with reproducers</summary>"))
        #expect(
            markdown.contains("  ````sh\n  curl -sS 'http://x/v1/sessions?a=1|2' \\\n    -H 'X: ```'\n  ````")
        )
        #expect(markdown.contains("<details><summary>1 requirements skipped</summary>"))
    }

    @Test func theHeadlineGivesTheVerdictVersionAndCounts() {
        let markdown = MarkdownReporter.markdown(Self.report())
        #expect(markdown.hasPrefix("# Sessions conformance: failed\n"))
        #expect(markdown.contains("`sessions check` \(SessionsVersion.current) against `https://gw.example`"))
        #expect(markdown.contains("**1 passed, 1 failed, 1 warned, 1 skipped**"))
    }

    @Test func aCleanRunSaysSo() {
        var report = Self.report()
        report.requirements = report.requirements.filter { $0.verdict == .passed }
        report.summary = ReportSummary(report.requirements)
        let markdown = MarkdownReporter.markdown(report)
        #expect(markdown.hasPrefix("# Sessions conformance: passed\n"))
        #expect(markdown.contains("## Failing requirements\n\nNone.\n"))
        #expect(MarkdownDocument(markdown).problems.isEmpty)
    }

    @Test func theJSONReportCarriesTheVersion() throws {
        let json = String(decoding: try JSONEncoder().encode(Self.report()), as: UTF8.self)
        #expect(json.contains(#""toolVersion":"\#(SessionsVersion.current)""#))
    }

    @Test func theJUnitReportCarriesTheVersionInEachSuite() {
        let xml = JUnitWriter.xml(Self.report())
        #expect(
            xml.contains(
                "<testsuite name=\"konnect\" tests=\"4\" failures=\"1\" skipped=\"1\">\n"
                    + "    <properties><property name=\"sessions.version\" value=\"\(SessionsVersion.current)\"/></properties>\n"
            ))
        #expect(XMLWellFormedness.check(xml) == nil)
    }

    @Test func theTableReaderRejectsARaggedTable() {
        let document = MarkdownDocument("| a | b |\n| --- | --- |\n| 1 | 2 | 3 |\n")
        #expect(document.problems.count == 1)
    }
}
