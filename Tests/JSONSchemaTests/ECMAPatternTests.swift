import JSONSchema
import Testing

@Suite struct ECMAPatternTests {
    private func matches(_ pattern: String, _ text: String) throws -> Bool {
        try ECMAPattern(pattern).matches(text)
    }

    static let cases: [(pattern: String, text: String, matches: Bool)] = [
        ("abc", "xxabcxx", true),
        ("abc", "ab", false),
        ("^abc$", "abc", true),
        ("^abc$", "abc\n", false),  // $ is the end of input only, as in ECMA-262
        ("^abc", "xabc", false),
        ("", "", true),
        ("^$", "", true),
        ("^$", "x", false),
        ("a|b|c", "zzc", true),
        ("^(ab|cd)+$", "abcdab", true),
        ("^(ab|cd)+$", "abca", false),
        ("^(?:x|y){2,3}$", "xyx", true),
        ("^(?:x|y){2,3}$", "xyxy", false),
        ("^(?:x|y){2,3}$", "x", false),
        ("^a{3}$", "aaa", true),
        ("^a{3}$", "aa", false),
        ("^a{2,}$", "aaaaa", true),
        ("^a{2,}$", "a", false),
        ("^a*?b+?c??$", "aabb", true),
        ("^colou?r$", "color", true),
        ("^colou?r$", "colouur", false),
        ("^[a-z0-9_-]+$", "snake_case-9", true),
        ("^[a-z0-9_-]+$", "Upper", false),
        ("^[^\\s]+$", "nospace", true),
        ("[^\\s]", "   ", false),
        ("[^\\s]", " x ", true),
        ("^\\d+$", "0123", true),
        ("^\\d+$", "١٢٣", false),  // \d is ASCII only
        ("^\\w+$", "a_1", true),
        ("^\\w+$", "é", false),
        ("^\\s$", "\u{00A0}", true),  // \s includes Unicode spaces
        ("^\\D\\W\\S$", "a!x", true),
        ("^.$", "🎉", true),  // one code point, not two UTF-16 units
        ("^.$", "e\u{301}", false),  // two code points
        ("^.$", "\n", false),
        ("^[\\d.]+$", "1.5", true),
        ("^[\\D]$", "5", false),
        ("^\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\/\\\\\\^\\$$", ".*+?()[]{}|/\\^$", true),
        ("^\\u0041\\x42\\u{1F389}$", "AB🎉", true),
        ("^\\uD83C\\uDF89$", "🎉", true),
        ("^[\\u0030-\\u0039]$", "7", true),
        ("^\\t\\n\\r\\f\\v\\0$", "\t\n\r\u{C}\u{B}\u{0}", true),
        ("\\bword\\b", "a word here", true),
        ("\\bword\\b", "swordfish", false),
        ("\\Bor\\B", "word", true),
        ("^\\cJ$", "\n", true),
        ("^(?<year>\\d{4})-\\d{2}$", "2024-01", true),
        ("^([A-Z]{1,32}|\\*)$", "GET", true),
        ("^([A-Z]{1,32}|\\*)$", "*", true),
        ("^([A-Z]{1,32}|\\*)$", "get", false),
        ("^flt_[0-9]+$", "flt_12", true),
        ("^sess_[A-Za-z0-9]{24}$", "sess_0123456789abcdefghijKLMN", true),
        ("^sess_[A-Za-z0-9]{24}$", "sess_0123456789abcdefghijKLM", false),
        ("^[]$", "x", false),  // an empty class matches nothing
        ("^[^]$", "x", true),
        ("(a*)*b", "aaab", true),
        ("(|a)+$", "", true),
    ]

    @Test func behavesLikeECMAScriptWithTheUFlag() throws {
        for (pattern, text, expected) in Self.cases {
            #expect(try matches(pattern, text) == expected, "/\(pattern)/ on \(text.debugDescription)")
        }
    }

    static let rejected: [(pattern: String, fragment: String)] = [
        ("(", "unterminated group"),
        ("a)", "unmatched ')'"),
        ("[a-", "unterminated character class"),
        ("[z-a]", "out of order"),
        ("[\\d-z]", "cannot bound a range"),
        ("*a", "nothing to repeat"),
        ("a**", "nothing to repeat"),
        ("a{2", "incomplete quantifier"),
        ("a{,2}", "incomplete quantifier"),
        ("a{3,2}", "out of order"),
        ("a{1001}", "above 1000"),
        ("^*", "cannot be repeated"),
        ("\\bx+\\b{2}", "cannot be repeated"),
        ("(a)\\1", "backreferences"),
        ("(?=a)", "lookaround"),
        ("(?<!a)b", "lookaround"),
        ("\\p{L}", "property"),
        ("\\q", "invalid escape"),
        ("\\", "ends with"),
        ("]", "must be escaped"),
        ("}", "must be escaped"),
        ("\\u12", "hexadecimal"),
        ("\\u{110000}", "above U+10FFFF"),
        ("\\01", "octal"),
        ("\\c1", "letter"),
        (String(repeating: "(", count: 100) + String(repeating: ")", count: 100), "nested deeper"),
        ("(a{1000}){1000}", "more than 20000 instructions"),
    ]

    @Test func unsupportedOrInvalidSyntaxIsRejected() {
        for (pattern, fragment) in Self.rejected {
            do {
                _ = try ECMAPattern(pattern)
                Issue.record("/\(pattern)/ compiled")
            } catch {
                #expect(error.message.contains(fragment), "/\(pattern)/: \(error)")
            }
        }
    }

    @Test func nestedQuantifiersDoNotBacktrackExponentially() throws {
        // A backtracking engine needs 2^n steps for these; the automaton needs n.
        let hostile = String(repeating: "a", count: 50_000) + "!"
        #expect(try matches("^(a+)+$", hostile) == false)
        #expect(try matches("^(a|aa)*$", hostile) == false)
        #expect(try matches("(x+x+)+y", String(repeating: "x", count: 20_000)) == false)
        #expect(try matches("^(a+)+$", String(repeating: "a", count: 50_000)))
    }

    @Test func sourceIsKept() throws {
        #expect(try ECMAPattern("^a$").source == "^a$")
    }
}
