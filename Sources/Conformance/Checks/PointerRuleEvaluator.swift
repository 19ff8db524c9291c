import Foundation
import JSONSchema
import SessionsAPI

/// Applies a `PointerRule` to the value found at a pointer.
enum PointerRuleEvaluator {
    static func evaluate(_ rule: PointerRule, value: JSONValue?, pointer: String, variables: Variables) throws
        -> CheckVerdict
    {
        let actual = "\(pointer) = \(JSONAccess.brief(value))"
        func verdict(_ ok: Bool, _ expected: String) -> CheckVerdict {
            ok ? .passed : .failed(expected: "\(pointer) \(expected)", actual: actual)
        }
        switch rule {
        case .exists(let wanted):
            return verdict((value != nil) == wanted, wanted ? "present" : "absent")
        case .equals(let operand):
            let want = try variables.substitute(operand)
            return verdict(value == want, "= \(JSONAccess.brief(want))")
        case .notEquals(let operand):
            let want = try variables.substitute(operand)
            return verdict(value != nil && value != want, "≠ \(JSONAccess.brief(want))")
        case .type(let type):
            let ok = value.map {
                type == "number" ? JSONAccess.number($0) != nil : JSONAccess.typeName($0) == type
            }
            return verdict(ok ?? false, "of type \(type)")
        case .matches(let pattern):
            guard let text = value?.stringValue, let regex = try? Regex(pattern) else {
                return verdict(false, "a string matching \(pattern)")
            }
            return verdict((try? regex.wholeMatch(in: text)) != nil, "matching \(pattern)")
        case .count(let n):
            return verdict(count(value) == n, "holding \(n) items")
        case .countAtLeast(let n):
            return verdict((count(value) ?? -1) >= n, "holding at least \(n) items")
        case .countAtMost(let n):
            return verdict(count(value).map { $0 <= n } ?? false, "holding at most \(n) items")
        case .atLeast(let operand):
            let bound = try variables.substitute(operand)
            return verdict(compare(value, bound).map { $0 >= 0 } ?? false, "≥ \(JSONAccess.brief(bound))")
        case .atMost(let operand):
            let bound = try variables.substitute(operand)
            return verdict(compare(value, bound).map { $0 <= 0 } ?? false, "≤ \(JSONAccess.brief(bound))")
        case .after(let operand):
            let bound = try variables.substitute(operand)
            let later = time(value).flatMap { mine in time(bound).map { mine > $0 } } ?? false
            return verdict(later, "a timestamp later than \(JSONAccess.brief(bound))")
        case .contains(let operand):
            let item = try variables.substitute(operand)
            return verdict(value?.arrayValue?.contains(item) ?? false, "containing \(JSONAccess.brief(item))")
        case .notContains(let operand):
            let item = try variables.substitute(operand)
            return verdict(
                value?.arrayValue.map { !$0.contains(item) } ?? false,
                "not containing \(JSONAccess.brief(item))")
        }
    }

    private static func count(_ value: JSONValue?) -> Int? {
        switch value {
        case .array(let items)?: return items.count
        case .string(let text)?: return text.count
        case .object?: return JSONAccess.entries(of: value ?? .null)?.count
        default: return nil
        }
    }

    /// -1, 0, 1 for numbers (or timestamps); nil when the two cannot be compared.
    private static func compare(_ value: JSONValue?, _ bound: JSONValue) -> Int? {
        if let a = value.flatMap(JSONAccess.number), let b = JSONAccess.number(bound) {
            return a < b ? -1 : a > b ? 1 : 0
        }
        if let a = time(value), let b = time(bound) {
            return a < b ? -1 : a > b ? 1 : 0
        }
        return nil
    }

    private static func time(_ value: JSONValue?) -> Double? {
        value?.stringValue.flatMap(Instant.parse)
    }
}
