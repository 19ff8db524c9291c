import Foundation
import SessionsAPI
import Testing

@testable import Conformance

@Suite struct ReportTests {
    private let credentials = Credentials(
        token: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0In0.c2lnbmF0dXJl", apiKey: "sk_test_secretKey123",
        apiKeyB: "sk_test_otherKey456")

    @Test func curlReproducerNeverShowsCredentials() {
        let request = WireRequest(
            method: "POST", target: "/v1/chat",
            headers: [WireHeader(name: "Authorization", value: "Bearer sk_test_secretKey123")],
            body: Array(#"{"message":"it's $HOME \"quoted\""}"#.utf8))
        let command = CurlReproducer.command(
            for: request, baseURL: "http://127.0.0.1:8080/", redactor: Redactor(credentials: credentials))
        #expect(!command.contains("secretKey123"))
        #expect(command.contains("\"Authorization: Bearer $SESSIONS_API_KEY\""))
        #expect(command.contains("\\$HOME"))
        #expect(command.contains("-X POST \"http://127.0.0.1:8080/v1/chat\""))
    }

    @Test func derivedTokensAreRedactedToo() {
        let redactor = Redactor(credentials: credentials)
        let forged = CredentialResolver.forge(credentials.token ?? "", api: .cid222)
        let text = redactor.redact("a \(forged) b \(credentials.token ?? "") c sk_test_otherKey456")
        #expect(!text.contains("c2lnbmF0dXJl"))
        #expect(!text.contains("eyJzdWIiOiJ0In0"))
        #expect(text.contains("$SESSIONS_TOKEN"))
        #expect(text.contains("$SESSIONS_API_KEY_B"))
    }

    private func sampleReport() -> ConformanceReport {
        let deviation = Deviation(
            requirement: "KON-LIST-DEFAULT-LIMIT", scenario: "pagination", step: "default <page> & \"more\"",
            iteration: 0, expected: "/data holding 20 items", actual: "/data = [\u{01}…]",
            reproducer: "curl 'x'")
        let requirements = [
            RequirementResult(
                id: "KON-LIST-DEFAULT-LIMIT", api: "konnect", level: "documented", basis: "statement",
                source: "001.txt § GET",
                statement: "s", rationale: "r",
                verdict: .failed, passedChecks: 0, deviations: [deviation], reason: nil),
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
                verdict: .passed,
                passedChecks: 3, deviations: [], reason: nil),
        ]
        return ConformanceReport(
            target: "http://x", apis: ["konnect"], strict: false,
            scenarios: [
                ScenarioResult(
                    name: "pagination", api: "konnect", file: "konnect/scenarios/pagination.json",
                    verdict: .failed,
                    checks: 5, failedChecks: 2, requests: 9, milliseconds: 12, reason: nil)
            ], requirements: requirements, summary: ReportSummary(requirements), requestsSent: 9,
            abortedBecause: nil)
    }

    @Test func jsonReportRoundTrips() throws {
        let report = sampleReport()
        let data = try JSONEncoder().encode(report)
        #expect(try JSONDecoder().decode(ConformanceReport.self, from: data) == report)
    }

    @Test func summaryAndExitCode() {
        var report = sampleReport()
        #expect(report.summary.passed == 1)
        #expect(report.summary.failed == 1)
        #expect(report.summary.warned == 1)
        #expect(report.summary.skipped == 1)
        #expect(abs(report.summary.score - 1.0 / 3.0) < 1e-9)
        #expect(report.exitCode == 1)
        report.requirements.removeFirst()
        report.summary = ReportSummary(report.requirements)
        #expect(report.exitCode == 0)
        report.strict = true
        #expect(report.exitCode == 1)
    }

    @Test func junitIsWellFormedAndEscaped() throws {
        let xml = JUnitWriter.xml(sampleReport())
        #expect(xml.contains("&lt;page&gt; &amp; &quot;more&quot;"))
        #expect(!xml.contains("\u{01}"))
        #expect(XMLWellFormedness.check(xml) == nil)
        #expect(xml.components(separatedBy: "<testcase ").count - 1 == 4)
        #expect(xml.contains("<skipped message=\"no --api-key-b\"/>"))
        #expect(XMLWellFormedness.check("<a><b></a></b>") != nil)
        #expect(XMLWellFormedness.check("<a x=\"1\">&bogus;</a>") != nil)
    }
}

/// A small well-formedness check (FoundationXML's parser is not always present on Linux):
/// tags balance, attributes are quoted, entities are the five predefined or numeric ones.
enum XMLWellFormedness {
    static func check(_ xml: String) -> String? {
        var stack: [String] = []
        var rest = Substring(xml)
        if rest.hasPrefix("<?xml"), let end = rest.range(of: "?>") { rest = rest[end.upperBound...] }
        while let open = rest.firstIndex(where: { $0 == "<" || $0 == "&" }) {
            if rest[open] == "&" {
                guard let semi = rest[open...].firstIndex(of: ";") else { return "unterminated entity" }
                let name = rest[rest.index(after: open)..<semi]
                let ok =
                    ["amp", "lt", "gt", "quot", "apos"].contains(String(name))
                    || (name.hasPrefix("#") && name.dropFirst().allSatisfy(\.isNumber) && name.count > 1)
                if !ok { return "bad entity &\(name);" }
                rest = rest[rest.index(after: semi)...]
                continue
            }
            guard let close = rest[open...].firstIndex(of: ">") else { return "unterminated tag" }
            var tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            if tag.hasPrefix("/") {
                guard stack.popLast() == String(tag.dropFirst()) else {
                    return "mismatched </\(tag.dropFirst())>"
                }
                continue
            }
            let selfClosing = tag.hasSuffix("/")
            if selfClosing { tag = tag.dropLast() }
            let name = String(tag.prefix { !$0.isWhitespace })
            if name.isEmpty { return "empty tag name" }
            if tag.filter({ $0 == "\"" }).count % 2 != 0 { return "unbalanced quotes in <\(name)>" }
            if tag.contains("<") { return "< inside a tag" }
            if !selfClosing { stack.append(name) }
        }
        return stack.isEmpty ? nil : "unclosed <\(stack.last ?? "")>"
    }
}
