/// A compiled regular expression in the ECMA-262 subset JSON Schema `pattern` keywords use
/// (read as with the `u` flag): literals and escapes (`\d \D \w \W \s \S \n \t \uXXXX \u{…}`
/// …), `.`, bracket classes with ranges and negation, anchors `^ $`, word boundaries `\b \B`,
/// groups `( )`, `(?: )`, `(?<name> )`, alternation `|`, and quantifiers `* + ? {n} {n,}
/// {n,m}` (lazy forms accepted). Backreferences and lookaround are rejected.
///
/// Matching simulates the automaton over all positions at once (Thompson/Pike), so its cost
/// is linear in the text for a given pattern: no input can make it backtrack exponentially.
/// This is why the module has its own engine rather than `Regex` or `NSRegularExpression`,
/// which both backtrack (`(a+)+$` against a long run of `a`s never finishes).
public struct ECMAPattern: Sendable {
    /// The pattern text.
    public let source: String
    private let program: [PatternInstruction]

    /// The most instructions a compiled pattern may have (bounded repeats are unrolled).
    public static let maximumProgramSize = 20_000

    /// Compiles a pattern.
    /// - Throws: `PatternSyntaxError` for invalid or unsupported syntax, or a pattern whose
    ///   unrolled size passes `maximumProgramSize`.
    public init(_ source: String) throws(PatternSyntaxError) {
        var parser = PatternParser(source)
        let tree = try parser.parse()
        var compiler = PatternCompiler(limit: Self.maximumProgramSize)
        try compiler.emit(tree)
        compiler.append(.accept)
        self.source = source
        self.program = compiler.program
    }

    /// Whether the pattern matches anywhere in `text` (JSON Schema patterns are not anchored
    /// implicitly).
    public func matches(_ text: String) -> Bool {
        var machine = PatternMachine(program: program, text: text.unicodeScalars.map(\.value))
        return machine.run()
    }
}
