import Testing

@testable import Conformance

@Suite("check progress and --quiet")
struct ProgressReporterTests {
    @Test func progressLinesCountScenariosWithAlignedNumbers() {
        #expect(ProgressReporter.progressLine("PASS a", done: 3, of: 18) == "[ 3/18] PASS a")
        #expect(ProgressReporter.progressLine("PASS a", done: 18, of: 18) == "[18/18] PASS a")
        #expect(ProgressReporter.progressLine("FAIL b", done: 1, of: 7) == "[1/7] FAIL b")
    }

    @Test func quietSummaryListsOnlyProblemsAndTheTotals() {
        let summary = ProgressReporter.quietSummary(MarkdownReporterTests.report())
        #expect(
            summary == """
                FAILED KON-LIST-DEFAULT-LIMIT: 2 deviations
                WARNING KON-LIST-ORDER: 1 deviation
                Requirements: 1 passed, 1 failed, 1 warned, 1 skipped. 11 requests.
                """)
    }
}
