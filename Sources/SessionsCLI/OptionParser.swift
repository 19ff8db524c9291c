/// The options of one invocation, by long name.
package struct ParsedOptions: Sendable, Equatable {
    package private(set) var values: [String: [String]] = [:]
    package private(set) var flags: Set<String> = []
    package private(set) var positionals: [String] = []

    /// The last value given for `name`.
    package func value(_ name: String) -> String? { values[name]?.last }

    /// Every value given for a repeatable option, in order.
    package func all(_ name: String) -> [String] { values[name] ?? [] }

    package func flag(_ name: String) -> Bool { flags.contains(name) }

    mutating func add(_ name: String, _ value: String) { values[name, default: []].append(value) }
    mutating func set(_ name: String) { flags.insert(name) }
    mutating func addPositional(_ value: String) { positionals.append(value) }
}

/// Parses arguments the way swift-argument-parser does: `--opt value`, `--opt=value`,
/// short `-h`, and `--` ending the options.
package enum OptionParser {
    package static func parse(_ arguments: [String], for spec: CommandSpec) throws(UsageError)
        -> ParsedOptions
    {
        var parsed = ParsedOptions()
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                for rest in arguments[index...] { parsed.addPositional(rest) }
                break
            }
            let option: OptionSpec
            var inlineValue: String?
            if argument.hasPrefix("--") {
                let body = argument.dropFirst(2)
                let name: Substring
                if let eq = body.firstIndex(of: "=") {
                    name = body[..<eq]
                    inlineValue = String(body[body.index(after: eq)...])
                } else {
                    name = body
                }
                guard let found = spec.option(named: String(name)) else {
                    throw UsageError("Unknown option '--\(name)'")
                }
                option = found
            } else if argument.hasPrefix("-"), argument.count == 2, let letter = argument.last {
                guard let found = spec.option(short: letter) else {
                    throw UsageError("Unknown option '\(argument)'")
                }
                option = found
            } else if argument.hasPrefix("-") && argument.count > 1 {
                throw UsageError("Unknown option '\(argument)'")
            } else {
                parsed.addPositional(argument)
                continue
            }
            guard option.valueName != nil else {
                if inlineValue != nil {
                    throw UsageError("The option '--\(option.name)' does not take a value")
                }
                parsed.set(option.name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else if index < arguments.count, !isOptionLike(arguments[index]) {
                value = arguments[index]
                index += 1
            } else {
                throw UsageError("Missing value for '\(option.errorLabel)'")
            }
            parsed.add(option.name, value)
        }
        return parsed
    }

    /// `-5` is a value, `-x` and `--x` are options.
    private static func isOptionLike(_ argument: String) -> Bool {
        guard argument.hasPrefix("-"), argument.count > 1 else { return false }
        return !(argument.dropFirst().first?.isNumber ?? false)
    }
}
