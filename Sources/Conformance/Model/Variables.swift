import Foundation
import JSONSchema

/// The values a scenario run has captured or been given, and `${name}` substitution.
///
/// A string that is exactly `${name}` becomes the captured value itself (a number stays a
/// number, an array an array); inside longer text, the value is written as text.
public struct Variables: Sendable {
    public private(set) var values: [String: JSONValue] = [:]

    public init(_ values: [String: JSONValue] = [:]) {
        self.values = values
    }

    public subscript(name: String) -> JSONValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// Stores a value; a name ending in `[]` appends to the list of that name instead.
    public mutating func assign(_ name: String, _ value: JSONValue) {
        if name.hasSuffix("[]") {
            let list = String(name.dropLast(2))
            var items = values[list]?.arrayValue ?? []
            items.append(value)
            values[list] = .array(items)
        } else {
            values[name] = value
        }
    }

    /// Substitutes inside every string of a JSON value (keys included).
    public func substitute(_ value: JSONValue) throws -> JSONValue {
        switch value {
        case .string(let text):
            return try substituteValue(text)
        case .array(let items):
            return .array(try items.map(substitute))
        case .object:
            let entries = try (JSONAccess.entries(of: value) ?? []).map { key, item in
                (try substitute(text: key), try substitute(item))
            }
            return JSONAccess.object(entries)
        default:
            return value
        }
    }

    /// `${name}` alone gives the value; otherwise the text with each placeholder filled in.
    public func substituteValue(_ text: String) throws -> JSONValue {
        if text.hasPrefix("${"), text.hasSuffix("}"),
            text.dropFirst(2).dropLast().allSatisfy(Self.isNameCharacter)
        {
            let name = String(text.dropFirst(2).dropLast())
            guard let value = lookup(name) else { throw SubstitutionError.undefined(name) }
            return value
        }
        return .string(try substitute(text: text))
    }

    /// Fills each `${name}` in `text` with the value as text.
    public func substitute(text: String) throws -> String {
        guard text.contains("${") else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            result += rest[rest.startIndex..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.firstIndex(of: "}") else {
                throw SubstitutionError.unterminated(text)
            }
            let name = String(afterOpen[afterOpen.startIndex..<close])
            guard !name.isEmpty, name.allSatisfy(Self.isNameCharacter) else {
                throw SubstitutionError.badName(name)
            }
            guard let value = lookup(name) else { throw SubstitutionError.undefined(name) }
            result += Self.text(of: value)
            rest = afterOpen[afterOpen.index(after: close)...]
        }
        return result + rest
    }

    /// A name, or a dotted path into a captured value: `usage.total_tokens`, `replies.0`.
    public func lookup(_ name: String) -> JSONValue? {
        if let value = values[name] { return value }
        if let sum = offsetLookup(name) { return sum }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1, var current = values[parts[0]] else { return nil }
        for part in parts.dropFirst() {
            if let index = Int(part), let items = current.arrayValue {
                guard items.indices.contains(index) else { return nil }
                current = items[index]
            } else if let next = current[part] {
                current = next
            } else {
                return nil
            }
        }
        return current
    }

    /// `total-2` or `n+1`: a whole-number variable moved by a literal, for pages that must
    /// end exactly at the last session of a list whose length only the run learns. The sum
    /// saturates rather than trapping on a huge value from a target.
    private func offsetLookup(_ name: String) -> JSONValue? {
        guard let sign = name.lastIndex(where: { $0 == "-" || $0 == "+" }), sign != name.startIndex,
            let amount = Int(name[name.index(after: sign)...]), amount >= 0,
            let base = lookup(String(name[..<sign]))?.intValue
        else { return nil }
        let (result, overflow) =
            name[sign] == "-"
            ? base.subtractingReportingOverflow(amount) : base.addingReportingOverflow(amount)
        return .int(overflow ? (name[sign] == "-" ? Int.min : Int.max) : result)
    }

    /// A value written as text: strings bare, everything else as compact JSON.
    public static func text(of value: JSONValue) -> String {
        if case .string(let s) = value { return s }
        return value.serialized(sortedKeys: true, pretty: false)
    }

    /// Letters, digits, `_`, `.` for paths, and `+`/`-` for a moved value (`total-2`).
    static func isNameCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "." || c == "-" || c == "+")
    }
}

/// A placeholder that cannot be filled.
public enum SubstitutionError: Error, Sendable, Equatable, CustomStringConvertible {
    case undefined(String)
    case unterminated(String)
    case badName(String)

    public var description: String {
        switch self {
        case .undefined(let name): return "${\(name)} is not defined (no earlier step captured it)"
        case .unterminated(let text): return "unterminated ${ in '\(text)'"
        case .badName(let name): return "'\(name)' is not a variable name"
        }
    }
}
