import Foundation
import JSONSchema
import Testing

@testable import Conformance

@Suite struct StreamAndCheckTests {
    private let body = Array(
        (#"data: {"type":"filter_warning","entity":"email","start":0,"end":3}"# + "\n\n"
            + #"data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}}"#
            + "\n\n"
            + #"data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"lo"}}"#
            + "\n\n"
            + #"data: {"type":"context_usage","context_tokens":5,"context_limit":512}"# + "\n\n"
            + #"data: {"type":"message_stop","stop_reason":"end_turn"}"# + "\n\n" + "data: [DONE]\n\n").utf8)

    @Test func readsTheSameEventsHoweverTheBodyIsSplit() {
        let whole = StreamReading(chunks: [body])
        #expect(
            whole.types == [
                "filter_warning", "content_block_delta", "content_block_delta", "context_usage",
                "message_stop",
            ])
        #expect(whole.joinedText == "Hello")
        #expect(whole.sawDone)
        #expect(whole.endsCleanly)
        for split in 1..<body.count {
            let reading = StreamReading(chunks: [Array(body[..<split]), Array(body[split...])])
            #expect(reading.payloads == whole.payloads, "split at \(split)")
        }
        let bytewise = StreamReading(chunks: body.map { [$0] })
        #expect(bytewise.payloads == whole.payloads)
    }

    @Test func documentExposesTypesTextAndLastOfEachType() {
        let document = StreamReading(chunks: [body]).document
        #expect(document["text"] == .string("Hello"))
        #expect(document.at(pointer: "/byType/message_stop/stop_reason") == .string("end_turn"))
        #expect(document["done"] == .bool(true))
    }

    private func invariant(_ name: String, _ chunks: [[UInt8]], args: JSONValue = .null) -> String? {
        let reading = StreamReading(chunks: chunks)
        do {
            return try Invariants.all[name]?(
                InvariantInput(arguments: args, document: reading.document, stream: reading))
        } catch {
            return "blocked: \(error.reason)"
        }
    }

    @Test func eventOrderAcceptsTheContractAndRejectsDeviations() {
        #expect(invariant("cid222EventOrder", [body]) == nil)
        let noStop = Array(
            String(decoding: body, as: UTF8.self).replacingOccurrences(of: "message_stop", with: "other").utf8
        )
        #expect(invariant("cid222EventOrder", [noStop])?.contains("message_stop") == true)
        let text = String(decoding: body, as: UTF8.self)
        let lines = text.components(separatedBy: "\n\n")
        let swapped = ([lines[1], lines[0]] + lines[2...]).joined(separator: "\n\n")
        #expect(invariant("cid222EventOrder", [Array(swapped.utf8)]) != nil)
    }

    @Test func framingCatchesCutStreamsAndNonJSONData() {
        #expect(invariant("sseFraming", [body]) == nil)
        #expect(invariant("sseFraming", [Array(body.dropLast(3))]) != nil)
        #expect(invariant("sseFraming", [Array("data: not json\n\n".utf8)]) != nil)
        #expect(invariant("sseFraming", [Array("data: {\"no\":1}\n\n".utf8)]) != nil)
        #expect(invariant("sseFraming", []) != nil)
    }

    private func pointerVerdict(_ rule: PointerRule, _ value: JSONValue?) -> CheckVerdict {
        (try? PointerRuleEvaluator.evaluate(rule, value: value, pointer: "/x", variables: Variables()))
            ?? .blocked("threw")
    }

    @Test func pointerRules() {
        #expect(pointerVerdict(.equals(.int(1)), .double(1.0)) == .passed)
        #expect(pointerVerdict(.equals(.int(1)), .int(2)) != .passed)
        #expect(pointerVerdict(.exists(false), nil) == .passed)
        #expect(pointerVerdict(.exists(true), nil) != .passed)
        #expect(pointerVerdict(.type("integer"), .int(3)) == .passed)
        #expect(pointerVerdict(.type("string"), .int(3)) != .passed)
        #expect(pointerVerdict(.matches("sess_[a-z]+"), .string("sess_abc")) == .passed)
        #expect(pointerVerdict(.matches("sess_[a-z]+"), .string("xsess_abc")) != .passed)
        #expect(pointerVerdict(.count(2), .array([.null, .null])) == .passed)
        #expect(pointerVerdict(.countAtMost(1), .array([.null, .null])) != .passed)
        #expect(pointerVerdict(.atMost(.int(5)), .int(5)) == .passed)
        #expect(pointerVerdict(.atLeast(.int(6)), .int(5)) != .passed)
        #expect(
            pointerVerdict(.after(.string("2026-01-15T10:30:00Z")), .string("2026-01-15T10:30:01Z"))
                == .passed)
        #expect(
            pointerVerdict(.after(.string("2026-01-15T10:30:00Z")), .string("2026-01-15T10:30:00Z"))
                != .passed)
        #expect(pointerVerdict(.contains(.string("a")), .array([.string("a")])) == .passed)
        #expect(pointerVerdict(.notContains(.string("a")), .array([.string("a")])) != .passed)
    }

    @Test func pageInvariants() throws {
        let page = try JSONValue.parse(
            #"{"object":"list","data":[{"id":"a"},{"id":"b"}],"has_more":true,"total":5}"#)
        let ok = InvariantInput(
            arguments: try JSONValue.parse(#"{"offset":0,"limit":2}"#), document: page, stream: nil)
        #expect(try Invariants.pageArithmetic(ok) == nil)
        let offByOne = try JSONValue.parse(
            #"{"object":"list","data":[{"id":"a"},{"id":"b"}],"has_more":false,"total":5}"#)
        #expect(
            try Invariants.pageArithmetic(
                InvariantInput(arguments: ok.arguments, document: offByOne, stream: nil)) != nil)
        let pages = try JSONValue.parse(#"{"pages":[{"data":[{"id":"a"}]},{"data":[{"id":"a"}]}]}"#)
        #expect(
            try Invariants.pagesDisjoint(InvariantInput(arguments: pages, document: .null, stream: nil))
                != nil)
        let list = try JSONValue.parse(
            #"{"list":[{"id":"c","created_at":"2026-01-01T00:00:02Z"},{"id":"b","created_at":"2026-01-01T00:00:01Z"}],"created":["b","c"]}"#
        )
        #expect(
            try Invariants.newestFirst(InvariantInput(arguments: list, document: .null, stream: nil)) == nil)
        let reversed = try JSONValue.parse(
            #"{"list":[{"id":"b","created_at":"2026-01-01T00:00:01Z"},{"id":"c","created_at":"2026-01-01T00:00:02Z"}],"created":["b","c"]}"#
        )
        #expect(
            try Invariants.newestFirst(InvariantInput(arguments: reversed, document: .null, stream: nil))
                != nil)
        let decreasing = try JSONValue.parse(#"{"values":[1,3,2]}"#)
        #expect(
            try Invariants.nonDecreasing(InvariantInput(arguments: decreasing, document: .null, stream: nil))
                != nil)
    }
}
