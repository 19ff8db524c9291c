import Foundation
import JSONSchema
import Testing

@testable import Conformance

/// The pieces that let `check` accept what a seed allows: status classes, checks of
/// unreported fields, event types from the `event:` line, instants with fractions, moved
/// variables, and the invariants that read any list or warning shape.
@Suite struct LenientCheckTests {
    private func scenario(expect: String) throws -> Scenario {
        let text = """
            {"name": "s", "api": "konnect", "steps": [{"name": "list", "request": {"method": "GET", "path": "/v1/sessions"},
             "expect": [\(expect)]}]}
            """
        return try ScenarioLoader.parse(Array(text.utf8), file: "x.json", knownRequirements: nil)
    }

    @Test func aStatusClassStandsForItsWholeHundred() throws {
        let loaded = try scenario(
            expect: #"{"status": [200, "4xx"], "requirements": ["KON-LIST-STATUS-200"]}"#)
        guard case .status(let codes) = loaded.steps[0].expectations[0].check else {
            Issue.record("expected a status check")
            return
        }
        #expect(codes.count == 101 && codes.contains(200) && codes.contains(400) && codes.contains(499))
        #expect(!codes.contains(500))
        #expect(CheckEvaluator.list(codes) == "in 200, 4xx")
        #expect(CheckEvaluator.list([404, 410]) == "in 404, 410")
    }

    @Test(arguments: [#""4x""#, #""6xx""#, #""xx""#, #""4XX""#, #"[]"#, #""""#, #"99"#, #"true"#])
    func aMalformedStatusIsRefused(_ status: String) {
        #expect(throws: ScenarioLoadError.self) {
            try scenario(expect: #"{"status": \#(status), "requirements": ["KON-LIST-STATUS-200"]}"#)
        }
    }

    @Test func ifReportedMustBeABoolean() throws {
        #expect(throws: ScenarioLoadError.self) {
            try scenario(
                expect:
                    #"{"pointer": "/x", "exists": true, "ifReported": "yes", "requirements": ["KON-LIST-STATUS-200"]}"#
            )
        }
        let loaded = try scenario(
            expect:
                #"{"pointer": "/x", "equals": 1, "ifReported": true, "requirements": ["KON-LIST-STATUS-200"]}"#
        )
        #expect(loaded.steps[0].expectations[0].onlyIfReported)
    }

    private func context(_ body: String) -> CheckContext {
        let response = WireResponse(status: 200, chunks: [Array(body.utf8)])
        return CheckContext(
            response: response, document: try? JSONValue.parse(body), stream: nil, variables: Variables(),
            schemas: nil)
    }

    @Test func anUnreportedFieldBlocksAndAReportedOneIsJudged() {
        let check = Check.pointer("/context_tokens", .atMost(.int(10)))
        #expect(CheckEvaluator.evaluate(check, in: context(#"{"other": 1}"#), ifReported: true).isBlocked)
        #expect(CheckEvaluator.evaluate(check, in: context(#"{"other": 1}"#)).isFailed)
        #expect(
            CheckEvaluator.evaluate(check, in: context(#"{"context_tokens": 11}"#), ifReported: true).isFailed
        )
        #expect(
            CheckEvaluator.evaluate(check, in: context(#"{"context_tokens": 9}"#), ifReported: true)
                == .passed)
    }

    @Test func anEventLineNamesTheTypeWhenTheJSONDoesNot() {
        let body =
            "event: content_block_delta\r\ndata: {\"delta\":{\"text\":\"Hi\"}}\r\n\r\n"
            + "event: message_stop\ndata: {}\n\ndata: {\"type\":\"context_usage\"}\n\n"
        let reading = StreamReading(chunks: [Array(body.utf8)])
        #expect(reading.types == ["content_block_delta", "message_stop", "context_usage"])
        #expect(reading.joinedText == "Hi")
        #expect(reading.payloads[0]["type"] == nil, "the data as sent keeps no type")
    }

    @Test func instantsKeepTheirFractionAndOffset() {
        let whole = Instant.parse("2026-01-15T10:30:00Z")
        let later = Instant.parse("2026-01-15T10:30:00.250Z")
        #expect(whole != nil && later != nil)
        #expect((later ?? 0) - (whole ?? 0) == 0.25)
        #expect(Instant.parse("2026-01-15T11:30:00+01:00") == whole)
        #expect(Instant.parse("2026/01/15 10:30:00") == nil)
    }

    @Test func aVariableMovesByAWholeNumberAndSaturates() throws {
        var variables = Variables()
        variables["total"] = .int(22)
        variables["huge"] = .int(Int.max)
        #expect(variables.lookup("total-2") == .int(20))
        #expect(variables.lookup("total+3") == .int(25))
        #expect(variables.lookup("huge+1") == .int(Int.max))
        #expect(variables.lookup("total-x") == nil)
        #expect(try variables.substitute(text: "offset=${total-2}") == "offset=20")
    }

    private func run(_ check: Invariants.Check, _ arguments: String, document: String = "null") throws
        -> String?
    {
        try check(
            InvariantInput(
                arguments: try JSONValue.parse(arguments), document: try JSONValue.parse(document),
                stream: nil))
    }

    @Test func listsInAnyShapeAndMessageCountsAgainstTheMessages() throws {
        #expect(try run(Invariants.isList, #"{"list": [{"id": "a"}]}"#) == nil)
        #expect(try run(Invariants.isList, #"{"list": {"sessions": []}}"#) == nil)
        #expect(try run(Invariants.isList, #"{"list": {"count": 0}}"#) != nil)
        let list = #"{"data": [{"id": "s1", "message_count": 4}], "has_more": false}"#
        #expect(
            try run(Invariants.messageCount, #"{"id": "s1", "messages": [1, 2, 3, 4], "list": \#(list)}"#)
                == nil)
        #expect(
            try run(Invariants.messageCount, #"{"id": "s1", "messages": [1, 2], "list": \#(list)}"#) != nil)
        #expect(throws: InvariantBlocked.self) {
            try run(Invariants.messageCount, #"{"id": "elsewhere", "messages": [], "list": \#(list)}"#)
        }
    }

    @Test func aMissingSessionOnAPageWithMoreAfterItBlocks() throws {
        let page = #"{"data": [{"id": "a"}], "has_more": true}"#
        #expect(throws: InvariantBlocked.self) {
            try run(Invariants.listIncludes, #"{"list": \#(page), "ids": ["b"]}"#)
        }
        let last = #"{"data": [{"id": "a"}], "has_more": false}"#
        #expect(try run(Invariants.listIncludes, #"{"list": \#(last), "ids": ["b"]}"#) != nil)
    }

    @Test func newestFirstAcceptsEitherTimestamp() throws {
        let byUpdate =
            #"[{"id": "a", "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-03T00:00:00Z"},"#
            + #"{"id": "b", "created_at": "2026-01-02T00:00:00Z", "updated_at": "2026-01-02T00:00:00Z"}]"#
        #expect(try run(Invariants.newestFirst, #"{"list": \#(byUpdate), "aspect": "timestamps"}"#) == nil)
        let neither =
            #"[{"id": "a", "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"},"#
            + #"{"id": "b", "created_at": "2026-01-02T00:00:00Z", "updated_at": "2026-01-02T00:00:00Z"}]"#
        #expect(try run(Invariants.newestFirst, #"{"list": \#(neither), "aspect": "timestamps"}"#) != nil)
    }

    @Test func anImageMayBeNamedInAnyFieldOfAnyWarning() {
        func mentions(_ events: String) -> String? {
            let reading = StreamReading(chunks: [Array(events.utf8)])
            return try? Invariants.mentionsImage(
                InvariantInput(arguments: .null, document: .null, stream: reading))
        }
        #expect(mentions("data: {\"type\":\"filter_warning\",\"category\":\"image\"}\n\n") == nil)
        #expect(mentions("event: pii_notice\ndata: {\"note\":\"Image attachment removed\"}\n\n") == nil)
        #expect(
            mentions("data: {\"type\":\"content_block_delta\",\"delta\":{\"text\":\"an image\"}}\n\n") != nil)
    }
}

extension CheckVerdict {
    var isBlocked: Bool {
        if case .blocked = self { return true }
        return false
    }

    var isFailed: Bool {
        if case .failed = self { return true }
        return false
    }
}
