import SessionsAPI

/// How an option's text becomes a typed value, and how a value is written back in help.
package struct ValueParser<Value: Sendable>: Sendable {
    /// nil: the text is not a valid value.
    let read: @Sendable (String) -> Value?
    /// Why a refused text is wrong, as the usage error says it ("expected …").
    let expectation: String
    /// How a value is written in `(default: x)`.
    let show: @Sendable (Value) -> String

    init(
        expectation: String, show: @escaping @Sendable (Value) -> String = { "\($0)" },
        read: @escaping @Sendable (String) -> Value?
    ) {
        self.read = read
        self.expectation = expectation
        self.show = show
    }
}

/// An option without a default, declared once: its name, placeholder and help (`spec`), and
/// its value's type and parser. Absent means "not set".
package struct DeclaredOption<Value: Sendable>: Sendable {
    package let spec: OptionSpec
    let parser: ValueParser<Value>

    init(
        _ name: String, value valueName: String, help: String, repeatable: Bool = false,
        parser: ValueParser<Value>
    ) {
        self.init(
            spec: OptionSpec(name, value: valueName, help: help, repeatable: repeatable), parser: parser)
    }

    fileprivate init(spec: OptionSpec, parser: ValueParser<Value>) {
        self.spec = spec
        self.parser = parser
    }

    /// The last value given, or nil when the option is absent.
    func given(in parsed: ParsedOptions) throws(UsageError) -> Value? {
        guard let text = parsed.value(spec.name) else { return nil }
        return try read(text)
    }

    /// Every value of a repeatable option, in order.
    func all(in parsed: ParsedOptions) throws(UsageError) -> [Value] {
        var values: [Value] = []
        for text in parsed.all(spec.name) { values.append(try read(text)) }
        return values
    }

    private func read(_ text: String) throws(UsageError) -> Value {
        guard let value = parser.read(text) else {
            throw UsageError.invalidValue(text, for: spec, because: parser.expectation)
        }
        return value
    }
}

/// An option with a default, declared once: the help's `(default: x)` is written from the
/// same value the command uses when the option is absent, so the two cannot drift apart.
package struct DefaultedOption<Value: Sendable>: Sendable {
    let declared: DeclaredOption<Value>
    package let defaultValue: Value

    package var spec: OptionSpec { declared.spec }

    init(
        _ name: String, value valueName: String, help: String, default defaultValue: Value,
        parser: ValueParser<Value>
    ) {
        let spec = OptionSpec(name, value: valueName, help: help, default: parser.show(defaultValue))
        declared = DeclaredOption(spec: spec, parser: parser)
        self.defaultValue = defaultValue
    }

    /// The value given, or nil when the option is absent (for a fallback before the default).
    func given(in parsed: ParsedOptions) throws(UsageError) -> Value? {
        try declared.given(in: parsed)
    }

    /// The value given, else the default.
    func value(in parsed: ParsedOptions) throws(UsageError) -> Value {
        try given(in: parsed) ?? defaultValue
    }
}

/// A flag: present or absent, no value, no default to show.
package struct DeclaredFlag: Sendable {
    package let spec: OptionSpec

    init(_ name: String, help: String) {
        spec = OptionSpec(name, help: help)
    }

    func isSet(in parsed: ParsedOptions) -> Bool { parsed.flag(spec.name) }
}

extension ValueParser where Value == Int {
    /// A whole number in `minimum...maximum`.
    static func integer(atLeast minimum: Int, atMost maximum: Int = .max) -> ValueParser {
        let expectation =
            maximum == .max
            ? "expected a whole number of at least \(minimum)" : "expected \(minimum) to \(maximum)"
        return ValueParser(expectation: expectation) { text in
            guard let value = Int(text), value >= minimum, value <= maximum else { return nil }
            return value
        }
    }
}

extension ValueParser where Value == UInt64 {
    static let seed = ValueParser(expectation: "expected a whole number") { UInt64($0) }
}

extension ValueParser where Value == Double {
    /// A finite number above `bound` (or at least it, when `inclusive`).
    static func number(above bound: Double, inclusive: Bool = false, unit: String = "") -> ValueParser {
        let what = unit.isEmpty ? "a number" : "a number of \(unit)"
        let relation = inclusive ? "of at least" : "above"
        return ValueParser(
            expectation: "expected \(what) \(relation) \(Self.plain(bound))", show: Self.plain
        ) { text in
            guard let value = Double(text), value.isFinite else { return nil }
            return (inclusive ? value >= bound : value > bound) ? value : nil
        }
    }

    /// `60`, not `60.0`, for whole numbers.
    @Sendable static func plain(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

extension ValueParser where Value == String {
    /// Any text but the empty one; `what` names it in the error ("empty path").
    static func nonEmpty(_ what: String) -> ValueParser {
        ValueParser(expectation: "empty \(what)") { $0.isEmpty ? nil : $0 }
    }
}

extension ValueParser where Value == ClockSpec {
    static let clock = ValueParser(
        expectation: "expected an RFC 3339 time, then optionally ',' and whole seconds",
        show: { "\(Timestamp.format($0.start)),\($0.tick)" }, read: { ClockSpec(parsing: $0) })
}
