import Foundation
import JSONSchema
import SessionsAPI

/// The verdict on one expectation.
public enum CheckVerdict: Sendable, Equatable {
    case passed
    /// What was expected and what came back.
    case failed(expected: String, actual: String)
    /// Not evaluated: an earlier step failed to give a value it needs, or the status was
    /// already wrong. Counted as neither pass nor failure.
    case blocked(String)
}

/// Everything a check can look at.
struct CheckContext {
    var response: WireResponse
    /// The parsed body (or the stream's summary document); nil when the body is not JSON.
    var document: JSONValue?
    var stream: StreamReading?
    var variables: Variables
    var schemas: JSONSchemaDocument?
}

/// Evaluates declarative checks and dispatches named invariants.
enum CheckEvaluator {
    /// - Parameter ifReported: a pointer check whose value is absent is blocked, not failed
    ///   (`Expectation.onlyIfReported`).
    static func evaluate(_ check: Check, in context: CheckContext, ifReported: Bool = false) -> CheckVerdict {
        do {
            return try evaluateOrThrow(check, in: context, ifReported: ifReported)
        } catch let error as SubstitutionError {
            return .blocked(error.description)
        } catch let blocked as InvariantBlocked {
            return .blocked(blocked.reason)
        } catch {
            return .failed(expected: "a checkable answer", actual: "\(error)")
        }
    }

    private static func evaluateOrThrow(_ check: Check, in context: CheckContext, ifReported: Bool) throws
        -> CheckVerdict
    {
        let response = context.response
        switch check {
        case .status(let allowed):
            return allowed.contains(response.status)
                ? .passed : .failed(expected: "status \(list(allowed))", actual: "status \(response.status)")
        case .mediaType(let type):
            let actual = response.mediaType
            return actual == type
                ? .passed
                : .failed(
                    expected: "Content-Type \(type)",
                    actual: "Content-Type \(response.header("Content-Type") ?? "(absent)")")
        case .header(let name, let rule):
            return header(name, rule, in: response, variables: context.variables)
        case .schema(let name, let pointer):
            let resolvedPointer = try context.variables.substitute(text: pointer)
            if let missing = missingEvent(resolvedPointer, in: context, depth: 3) {
                return .blocked("the stream has no \(missing) event; its presence is checked on its own")
            }
            return try schema(name, at: resolvedPointer, in: context)
        case .listItemSchema(let name, let pointer):
            let resolvedPointer = try context.variables.substitute(text: pointer)
            return try listItemSchema(name, at: resolvedPointer, in: context)
        case .pointer(let pointer, let rule):
            guard let document = context.document else {
                return .failed(expected: "a JSON body", actual: bodyPreview(response))
            }
            let resolvedPointer = try context.variables.substitute(text: pointer)
            if let missing = missingEvent(resolvedPointer, in: context, depth: 4) {
                return .blocked("the stream has no \(missing) event; its presence is checked on its own")
            }
            let value = JSONAccess.resolve(resolvedPointer, in: document)
            if ifReported, value == nil {
                return .blocked(
                    "the answer does not report \(resolvedPointer); its shape is checked on its own")
            }
            return try PointerRuleEvaluator.evaluate(
                rule, value: value, pointer: resolvedPointer, variables: context.variables)
        case .invariant(let name, let arguments):
            guard let invariant = Invariants.all[name] else {
                return .failed(expected: "a known invariant", actual: name)
            }
            let input = InvariantInput(
                arguments: try context.variables.substitute(arguments), document: context.document ?? .null,
                stream: context.stream)
            if let problem = try invariant(input) { return .failed(expected: name, actual: problem) }
            return .passed
        }
    }

    private static func header(
        _ name: String, _ rule: HeaderRule, in response: WireResponse, variables: Variables
    )
        -> CheckVerdict
    {
        let value = response.header(name)
        switch rule {
        case .present:
            return value != nil ? .passed : .failed(expected: "header \(name)", actual: "no \(name) header")
        case .absent:
            return value == nil
                ? .passed : .failed(expected: "no \(name) header", actual: "\(name): \(value ?? "")")
        case .equals(let wanted):
            let want = (try? variables.substitute(text: wanted)) ?? wanted
            return value == want
                ? .passed : .failed(expected: "\(name): \(want)", actual: "\(name): \(value ?? "(absent)")")
        case .contains(let part):
            let want = (try? variables.substitute(text: part)) ?? part
            let matches = value?.lowercased().contains(want.lowercased()) ?? false
            return matches
                ? .passed
                : .failed(expected: "\(name) containing \(want)", actual: "\(name): \(value ?? "(absent)")")
        }
    }

    private static func schema(_ name: String, at pointer: String, in context: CheckContext) throws
        -> CheckVerdict
    {
        guard let document = context.document else {
            return .failed(expected: "a JSON body matching \(name)", actual: bodyPreview(context.response))
        }
        guard let schemas = context.schemas else { return .blocked("no OpenAPI document was loaded") }
        guard let value = JSONAccess.resolve(pointer, in: document) else {
            return .failed(expected: "a value at \(pointer) matching \(name)", actual: "(absent)")
        }
        let errors = try schemas.validate(value, schemaAt: "/components/schemas/\(name)")
        guard let first = errors.first else { return .passed }
        let more = errors.count > 1 ? " (+\(errors.count - 1) more)" : ""
        return .failed(expected: "a \(name) (OpenAPI schema)", actual: "\(first)\(more)")
    }

    private static func listItemSchema(_ name: String, at pointer: String, in context: CheckContext) throws
        -> CheckVerdict
    {
        guard let document = context.document else {
            return .failed(expected: "a JSON list of \(name)", actual: bodyPreview(context.response))
        }
        guard let schemas = context.schemas else { return .blocked("no OpenAPI document was loaded") }
        guard let items = Invariants.items(of: JSONAccess.resolve(pointer, in: document)) else {
            return .failed(
                expected: "a list: an array, or an object holding one under data or sessions",
                actual: JSONAccess.brief(document))
        }
        for (index, item) in items.enumerated() {
            let errors = try schemas.validate(item, schemaAt: "/components/schemas/\(name)")
            if let first = errors.first {
                return .failed(
                    expected: "each list item a \(name) (OpenAPI schema)", actual: "item \(index): \(first)")
            }
        }
        return .passed
    }

    /// The event type a pointer like `/byType/message_stop/stop_reason` reaches into when
    /// the stream has no such event: a field of a missing event is not a second deviation.
    /// `depth` 4 for a field of the event (`exists` on the event itself still runs), 3 for
    /// the event (a schema check of it).
    private static func missingEvent(_ pointer: String, in context: CheckContext, depth: Int) -> String? {
        guard context.stream != nil, let document = context.document else { return nil }
        let parts = pointer.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= depth, parts[1] == "byType" else { return nil }
        let type = String(parts[2])
        return document["byType"]?[type] == nil ? type : nil
    }

    static func bodyPreview(_ response: WireResponse) -> String {
        let body = response.body
        if body.isEmpty { return "an empty body (status \(response.status))" }
        let text = String(decoding: body.prefix(160), as: UTF8.self)
        return "a non-JSON body: \(text)\(body.count > 160 ? "…" : "")"
    }

    /// `404`, `in 404, 410`, or `4xx` for a whole hundred.
    static func list(_ codes: [Int]) -> String {
        var parts: [String] = []
        var remaining = Set(codes)
        for code in codes where remaining.contains(code) {
            let hundred = code / 100 * 100
            let whole = Set(hundred..<(hundred + 100))
            if whole.isSubset(of: remaining) {
                parts.append("\(hundred / 100)xx")
                remaining.subtract(whole)
            } else {
                parts.append(String(code))
                remaining.remove(code)
            }
        }
        return parts.count == 1 ? parts[0] : "in " + parts.joined(separator: ", ")
    }
}
