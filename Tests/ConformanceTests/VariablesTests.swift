import Conformance
import JSONSchema
import Testing

@Suite struct VariablesTests {
    private var variables: Variables {
        var v = Variables()
        v["sid"] = .string("abc")
        v["count"] = .int(3)
        v["usage"] = try? JSONValue.parse(#"{"total_tokens": 7, "list": [1, 2]}"#)
        return v
    }

    @Test func wholePlaceholderKeepsTheType() throws {
        #expect(try variables.substituteValue("${count}") == .int(3))
        #expect(try variables.substituteValue("${usage.total_tokens}") == .int(7))
        #expect(try variables.substituteValue("${usage.list.1}") == .int(2))
    }

    @Test func embeddedPlaceholdersBecomeText() throws {
        #expect(
            try variables.substitute(text: "/sessions/${sid}/messages?n=${count}")
                == "/sessions/abc/messages?n=3")
        #expect(try variables.substitute(text: "no placeholders") == "no placeholders")
    }

    @Test func substitutesInsideJSON() throws {
        let template = try JSONValue.parse(#"{"content": "hi ${sid}", "n": "${count}", "list": ["${sid}"]}"#)
        let filled = try variables.substitute(template)
        #expect(filled["content"] == .string("hi abc"))
        #expect(filled["n"] == .int(3))
        #expect(filled["list"] == .array([.string("abc")]))
    }

    @Test func appendingCaptures() {
        var v = Variables()
        v.assign("ids[]", .string("a"))
        v.assign("ids[]", .string("b"))
        #expect(v["ids"] == .array([.string("a"), .string("b")]))
    }

    @Test func badPlaceholdersThrow() {
        #expect(throws: SubstitutionError.undefined("missing")) {
            try variables.substitute(text: "x ${missing}")
        }
        #expect(throws: SubstitutionError.self) { try variables.substitute(text: "x ${sid") }
        #expect(throws: SubstitutionError.self) { try variables.substitute(text: "x ${a b}") }
        #expect(throws: SubstitutionError.undefined("usage.nope")) {
            try variables.substituteValue("${usage.nope}")
        }
    }
}
