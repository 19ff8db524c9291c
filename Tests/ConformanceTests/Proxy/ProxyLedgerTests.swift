import Conformance
import Foundation
import SessionsAPI
import Testing

/// The validator on exchanges written by hand, in any interleaving, without sockets.
@Suite struct ProxyLedgerTests {
    static let key = "Bearer sk_test_ledgerA"

    /// A JWT-shaped token for `tenant` (the proxy reads `sub`; only the target verifies).
    static func token(tenant: String, issued: Int) -> String {
        func part(_ json: String) -> String {
            Data(json.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        }
        let claims =
            #"{"sub":"\#(tenant)","iat":\#(issued),"exp":\#(Int(Date().timeIntervalSince1970) + 3600)}"#
        return "Bearer " + part(#"{"alg":"HS256","typ":"JWT"}"#) + "." + part(claims) + ".c2ln"
    }

    static func validator(capacity: Int = 100) throws -> ExchangeValidator {
        try ExchangeValidator(apis: APIKind.allCases, strict: false, target: "test", ledgerCapacity: capacity)
    }

    static func begin(
        _ validator: ExchangeValidator, _ method: String, _ target: String, auth: String, body: String = ""
    ) -> ExchangeObservation {
        var headers = [WireHeader(name: "Authorization", value: auth)]
        if !body.isEmpty { headers.append(WireHeader(name: "Content-Type", value: "application/json")) }
        return validator.begin(method: method, target: target, headers: headers, body: Array(body.utf8))
    }

    static func end(
        _ observation: inout ExchangeObservation, _ status: Int, _ body: String,
        type: String = "application/json", chunks: [String]? = nil
    ) {
        observation.head(
            status: status,
            headers: [
                WireHeader(name: "Content-Type", value: type),
                WireHeader(name: "Cache-Control", value: "no-cache"),
            ])
        for chunk in chunks ?? [body] { observation.chunk(Array(chunk.utf8)) }
        observation.finish(cutShort: false)
    }

    static func exchange(
        _ validator: ExchangeValidator, _ method: String, _ target: String, auth: String, body: String = "",
        status: Int, answer: String
    ) {
        var observation = begin(validator, method, target, auth: auth, body: body)
        end(&observation, status, answer)
    }

    static let id = "6f1c2e7a-9b3d-4f5a-8c21-0d9a1b2c3d4e"

    static func session(tokens: Int, context: String = "[]", updated: String = "2026-01-15T10:30:00.250Z")
        -> String
    {
        #"{"id":"\#(id)","session_name":null,"tenant_id":"t1","created_at":"2026-01-15T10:30:00.250Z","updated_at":"\#(updated)","token_usage":{"total_tokens":\#(tokens),"total_cost":0},"context":\#(context),"extra":{"any":"thing"}}"#
    }

    /// Every event typed by its `event:` line, no `[DONE]`: allowed by the seed, so only
    /// inferred requirements may warn.
    static let streamWithEventLines = [
        "event: content_block_delta\ndata: {\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi \"}}\n\n",
        "event: content_block_delta\ndata: {\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"there\"}}\n\n",
        "event: context_usage\ndata: {\"context_tokens\":10,\"context_limit\":100}\n\n",
        "event: message_stop\ndata: {\"stop_reason\":\"end_turn\"}\n\n",
    ]

    @Test func everyShapeTheSeedsAllowPassesWithoutFailure() throws {
        let validator = try Self.validator()
        let auth = Self.token(tenant: "t1", issued: 1)
        // Create answered 200 (not 201), fractional timestamps, an extra field.
        Self.exchange(
            validator, "POST", "/sessions", auth: auth, body: "{}", status: 200,
            answer: Self.session(tokens: 0))
        // The list as an object holding the array.
        Self.exchange(
            validator, "GET", "/sessions", auth: auth, status: 200,
            answer: #"{"sessions":[\#(Self.session(tokens: 0))]}"#)
        var send = Self.begin(
            validator, "POST", "/sessions/\(Self.id)/messages", auth: auth,
            body: #"{"content":"hello","model":"m"}"#)
        Self.end(&send, 200, "", type: "text/event-stream", chunks: Self.streamWithEventLines)
        let context = #"[{"role":"user","content":"hello"},{"role":"assistant","content":"Hi there"}]"#
        Self.exchange(
            validator, "GET", "/sessions/\(Self.id)", auth: Self.token(tenant: "t1", issued: 2), status: 200,
            answer: Self.session(tokens: 12, context: context, updated: "2026-01-15T10:31:00+00:00"))
        Self.exchange(validator, "DELETE", "/sessions/\(Self.id)", auth: auth, status: 200, answer: "")
        Self.exchange(
            validator, "GET", "/sessions/\(Self.id)", auth: auth, status: 410,
            answer: #"{"statusCode":410,"message":"gone","error":"Gone"}"#)
        let report = validator.findings.report()
        #expect(report.report.summary.failed == 0, "\(report.text)")
        #expect(report.report.exitCode == 0)
        let warned = Set(report.deviations.map(\.requirement))
        // Inferred details only: the event: lines, no [DONE], an offset for Z, a terse context_usage.
        let allowed: Set = [
            "CID-STREAM-DATA-LINES", "CID-STREAM-DONE", "CID-TIME-UTC-Z", "CID-STREAM-CONTEXT-USAGE-SHAPE",
        ]
        #expect(warned.isSubset(of: allowed), "\(report.text)")
        let passed = Set(report.report.requirements.filter { $0.verdict == .passed }.map(\.id))
        #expect(
            passed.isSuperset(of: ["CID-TOKENS-CUMULATIVE", "CID-SEND-STORES-TURN", "CID-DELETE-REMOVES"]))
    }

    @Test func aReadThatOverlapsATurnIsNotHeldToItButALaterOneIs() throws {
        let validator = try Self.validator()
        let auth = Self.token(tenant: "t1", issued: 1)
        Self.exchange(
            validator, "POST", "/sessions", auth: auth, body: "{}", status: 201,
            answer: Self.session(tokens: 0))
        var send = Self.begin(
            validator, "POST", "/sessions/\(Self.id)/messages", auth: auth,
            body: #"{"content":"hello","model":"m"}"#)
        var overlapping = Self.begin(validator, "GET", "/sessions/\(Self.id)", auth: auth)
        Self.end(&send, 200, "", type: "text/event-stream", chunks: Self.streamWithEventLines)
        Self.end(&overlapping, 200, Self.session(tokens: 0))
        #expect(validator.findings.report().report.summary.failed == 0)
        // Begun after the turn completed: it must show the turn and more tokens.
        Self.exchange(
            validator, "GET", "/sessions/\(Self.id)", auth: auth, status: 200, answer: Self.session(tokens: 0)
        )
        let failed = validator.findings.report().documentedServerFailures
        #expect(failed == ["CID-TOKENS-CUMULATIVE", "CID-SEND-STORES-TURN", "CID-CONTEXT-FULL-HISTORY"])
    }

    @Test func aSessionOfOneKeyReadUnderAnotherIsAFailureOfTheServer() throws {
        let validator = try Self.validator()
        let chat =
            #"{"id":"msg_1","object":"chat.message","session_id":"sess_a","role":"assistant","content":"Hi","mode":"smart_chat","models_used":["m"],"created_at":"2026-01-15T10:30:00Z"}"#
        Self.exchange(
            validator, "POST", "/v1/chat", auth: Self.key, body: #"{"message":"hello"}"#, status: 200,
            answer: chat)
        let session =
            #"{"id":"sess_a","title":"hello","mode":"smart_chat","created_at":"2026-01-15T10:30:00Z","updated_at":"2026-01-15T10:30:00Z","messages":[{"id":"msg_0","role":"user","content":"hello","created_at":"2026-01-15T10:30:00Z"},{"id":"msg_1","role":"assistant","content":"Hi","models_used":["m"],"created_at":"2026-01-15T10:30:00Z"}]}"#
        Self.exchange(
            validator, "GET", "/v1/sessions/sess_a", auth: "Bearer sk_test_other", status: 200,
            answer: session)
        let report = validator.findings.report()
        #expect(report.documentedServerFailures == ["KON-AUTH-OTHER-USER-HIDDEN"], "\(report.text)")
        #expect(!report.text.contains("sk_test_"))
    }

    @Test func theLedgerForgetsTheOldestSessionsBeyondItsCapacity() throws {
        let validator = try Self.validator(capacity: 8)
        let auth = Self.token(tenant: "t1", issued: 1)
        for index in 0..<50 {
            let id = String(format: "6f1c2e7a-9b3d-4f5a-8c21-%012d", index)
            let answer = Self.session(tokens: 0).replacingOccurrences(of: Self.id, with: id)
            Self.exchange(validator, "POST", "/sessions", auth: auth, body: "{}", status: 201, answer: answer)
        }
        #expect(validator.trackedSessions <= 8)
        #expect(validator.findings.report().exchanges == 50)
    }
}
