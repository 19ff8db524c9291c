import JSONSchema
import SessionsAPI

/// Compares two recordings of the same scenarios and lists where they behaved differently:
/// missing scenarios, different steps, statuses, headers, bodies (by JSON pointer) and
/// event sequences. Ids, times and credentials never count (`VolatileText`); Date and
/// hop-by-hop headers and the chunking of streams (which TCP decides) are not compared.
public struct TranscriptDiff: Sendable {
    public var options: DiffOptions

    public init(options: DiffOptions = DiffOptions()) {
        self.options = options
    }

    /// Headers whose meaning a client depends on; the only ones compared outside exact mode.
    static let meaningfulHeaders: Set<String> = [
        "content-type", "cache-control", "retry-after", "allow", "location", "www-authenticate",
    ]
    /// Never compared: they describe one connection or one moment.
    static let ignoredHeaders: Set<String> = [
        "date", "content-length", "transfer-encoding", "connection", "keep-alive", "server",
    ]

    public func compare(_ a: TranscriptSet, _ b: TranscriptSet) -> [TranscriptDifference] {
        var found: [TranscriptDifference] = []
        for key in Set(a.transcripts.keys).union(b.transcripts.keys).sorted() {
            switch (a.transcripts[key], b.transcripts[key]) {
            case (let x?, let y?): found += compare(x, y)
            case (_?, nil):
                found.append(
                    TranscriptDifference(scenario: key, what: "scenario", a: "recorded", b: "absent"))
            case (nil, _?):
                found.append(
                    TranscriptDifference(scenario: key, what: "scenario", a: "absent", b: "recorded"))
            case (nil, nil): break
            }
        }
        return found
    }

    public func compare(_ a: Transcript, _ b: Transcript) -> [TranscriptDifference] {
        let scenario = TranscriptSet.key(a)
        let x = NormalizedExchange.normalize(a)
        let y = NormalizedExchange.normalize(b)
        var found: [TranscriptDifference] = []
        let stepsA = x.map { "\($0.step) #\($0.iteration)" }
        let stepsB = y.map { "\($0.step) #\($0.iteration)" }
        if stepsA != stepsB {
            let firstOff =
                zip(stepsA, stepsB).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(stepsA.count, stepsB.count)
            found.append(
                TranscriptDifference(
                    scenario: scenario, what: "exchanges (from number \(firstOff))",
                    a: "\(stepsA.count) [\(stepsA.dropFirst(firstOff).prefix(3).joined(separator: ", "))]",
                    b: "\(stepsB.count) [\(stepsB.dropFirst(firstOff).prefix(3).joined(separator: ", "))]"))
        }
        for (p, q) in zip(x, y) where p.step == q.step && p.iteration == q.iteration {
            var here = ExchangeComparison(exact: options.exact).differences(p, q)
            if here.count > options.limitPerExchange {
                let more = here.count - options.limitPerExchange
                here = Array(here.prefix(options.limitPerExchange))
                here.append(("…", "\(more) more differences", "not listed"))
            }
            found += here.map {
                TranscriptDifference(
                    scenario: scenario, step: p.step, iteration: p.iteration, what: $0.what, a: $0.a, b: $0.b)
            }
        }
        return found
    }
}

/// The comparison of one pair of exchanges with the same step and iteration.
struct ExchangeComparison {
    var exact: Bool

    func differences(_ p: NormalizedExchange, _ q: NormalizedExchange) -> [(
        what: String, a: String, b: String
    )] {
        var found: [(what: String, a: String, b: String)] = []
        if p.method != q.method || p.target != q.target {
            found.append(("request", "\(p.method) \(p.target)", "\(q.method) \(q.target)"))
        }
        found += body(p.requestBody, q.requestBody, label: "request body")
        if p.error != q.error {
            found.append(
                (
                    "transport error", p.error.map { "\"\($0)\"" } ?? "none",
                    q.error.map { "\"\($0)\"" } ?? "none"
                ))
        }
        if p.status != q.status {
            found.append(
                ("status", p.status.map(String.init) ?? "no answer", q.status.map(String.init) ?? "no answer")
            )
        }
        found += headers(p.headers, q.headers)
        found += body(p.body, q.body, label: "body")
        found += events(p.events, q.events)
        return found
    }

    private func headers(_ a: [(name: String, value: String)], _ b: [(name: String, value: String)]) -> [(
        what: String, a: String, b: String
    )] {
        func table(_ list: [(name: String, value: String)]) -> [String: String] {
            var result: [String: String] = [:]
            for (name, value) in list where !TranscriptDiff.ignoredHeaders.contains(name) {
                guard exact || TranscriptDiff.meaningfulHeaders.contains(name) else { continue }
                let shown = name == "content-type" && !exact ? Self.mediaType(value) : value
                result[name] = result[name].map { $0 + ", " + shown } ?? shown
            }
            return result
        }
        let x = table(a)
        let y = table(b)
        return Set(x.keys).union(y.keys).sorted().compactMap { name in
            let p = x[name]
            let q = y[name]
            guard p != q else { return nil }
            return ("header \(name)", p.map { "\"\($0)\"" } ?? "absent", q.map { "\"\($0)\"" } ?? "absent")
        }
    }

    private func body(_ a: NormalizedBody, _ b: NormalizedBody, label: String) -> [(
        what: String, a: String, b: String
    )] {
        switch (a, b) {
        case (.json(let x), .json(let y)):
            return JSONDiff(exact: exact).differences(x, y).map { ("\(label) \($0.pointer)", $0.a, $0.b) }
        default:
            return a == b ? [] : [(label, Self.show(a), Self.show(b))]
        }
    }

    private func events(_ a: [NormalizedBody]?, _ b: [NormalizedBody]?) -> [(
        what: String, a: String, b: String
    )] {
        guard a != nil || b != nil else { return [] }
        // Outside exact mode a run of one kind (the deltas of a reply) counts as one event.
        let x = exact ? (a ?? []) : Self.collapse(a ?? [])
        let y = exact ? (b ?? []) : Self.collapse(b ?? [])
        let labelsA = x.map(NormalizedExchange.label)
        let labelsB = y.map(NormalizedExchange.label)
        guard labelsA == labelsB else {
            return [("events", Self.sequence(labelsA, exact: exact), Self.sequence(labelsB, exact: exact))]
        }
        var found: [(what: String, a: String, b: String)] = []
        for (index, (p, q)) in zip(x, y).enumerated() {
            found += body(p, q, label: "event \(index) (\(labelsA[index]))")
        }
        return found
    }

    private static func collapse(_ events: [NormalizedBody]) -> [NormalizedBody] {
        var result: [NormalizedBody] = []
        for event in events where result.last.map(NormalizedExchange.label) != NormalizedExchange.label(event)
        {
            result.append(event)
        }
        return result
    }

    private static func sequence(_ labels: [String], exact: Bool) -> String {
        labels.isEmpty ? "no events" : labels.joined(separator: " → ") + (exact ? "" : " (runs collapsed)")
    }

    private static func show(_ body: NormalizedBody) -> String {
        switch body {
        case .none: return "no body"
        case .json(let value): return JSONDiff.show(value)
        case .text(let text): return "\"" + JSONDiff.clip(text) + "\""
        }
    }

    private static func mediaType(_ value: String) -> String {
        (value.split(separator: ";", maxSplits: 1).first.map(String.init) ?? value).lowercased()
            .filter { $0 != " " }
    }
}
