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
    static func evaluate(_ check: Check, in context: CheckContext) -> CheckVerdict {
        do {
            return try evaluateOrThrow(check, in: context)
        } catch let error as SubstitutionError {
            return .blocked(error.description)
        } catch {
            return .failed(expected: "a checkable answer", actual: "\(error)")
        }
    }

    private static func evaluateOrThrow(_ check: Check, in context: CheckContext) throws -> CheckVerdict {
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
        case .pointer(let pointer, let rule):
            guard let document = context.document else {
                return .failed(expected: "a JSON body", actual: bodyPreview(response))
            }
            let resolvedPointer = try context.variables.substitute(text: pointer)
            if let missing = missingEvent(resolvedPointer, in: context, depth: 4) {
                return .blocked("the stream has no \(missing) event; its presence is checked on its own")
            }
            return try PointerRuleEvaluator.evaluate(
                rule, value: JSONAccess.resolve(resolvedPointer, in: document), pointer: resolvedPointer,
                variables: context.variables)
        case .invariant(let name, let arguments):
            guard let invariant = Invariants.all[name] else {
                return .failed(expected: "a known invariant", actual: name)
            }
            let input = InvariantInput(
                arguments: try context.variables.substitute(arguments), document: context.document ?? .null,
                stream: context.stream)
            if let problem = invariant(input) { return .failed(expected: name, actual: problem) }
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

    static func list(_ codes: [Int]) -> String {
        codes.count == 1 ? String(codes[0]) : "in " + codes.map(String.init).joined(separator: ", ")
    }
}
