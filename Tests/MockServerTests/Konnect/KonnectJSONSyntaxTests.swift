import Testing

@testable import MockServer

@Suite("Konnect's strict JSON syntax check")
struct KonnectJSONSyntaxTests {
    static let valid = [
        "{}", "[]", "0", "-0", "1.5e-3", "-12E+2", "true", "false", "null", #""""#, #""\u00e9\n\"\\\/""#,
        #" { "a" : [ 1 , { "b" : null } ] , "c" : "d" } "#, "[[[]]]", #"{"a":{"b":{"c":[true,false]}}}"#,
        "\t\r\n[1]\n",
    ]

    static let invalid = [
        "", " ", "{", "}", "[", "]", "{,}", "[,]", "[1,]", #"{"a":1,}"#, #"{"a"}"#, #"{"a":}"#, #"{a:1}"#,
        "{'a':1}", "[1 2]", #"{"a":1 "b":2}"#, "01", "-", "1.", ".5", "1e", "1e+", "+1", "NaN", "Infinity",
        "tru", "nul", "falsey", "truex", #""abc"#, #""\x""#, #""\u12G4""#, #""\u12""#, "\"a\u{01}b\"", "[1]]",
        "{}{}", "1 2", "\u{FEFF}{}", "[1,,2]", #"{"a"::1}"#, "/* c */ {}", "[1]//",
    ]

    @Test("RFC 8259 texts are accepted", arguments: valid)
    func acceptsValid(text: String) {
        #expect(KonnectJSONSyntax.isValid(Array(text.utf8)))
    }

    @Test("malformed texts are refused", arguments: invalid)
    func refusesInvalid(text: String) {
        #expect(!KonnectJSONSyntax.isValid(Array(text.utf8)))
    }

    @Test("every truncation of a valid object is refused")
    func truncations() {
        let text = Array(
            #"{"message":"Hi \"there\" \u00e9","session_id":null,"n":[-1.5e3,true,{"x":[]}]}"#.utf8)
        #expect(KonnectJSONSyntax.isValid(text))
        for cut in 0..<text.count {
            #expect(!KonnectJSONSyntax.isValid(Array(text[..<cut])), "prefix of \(cut) bytes")
        }
    }

    @Test("nesting up to the limit is read; deeper nesting is refused without recursion")
    func depthLimit() {
        let limit = KonnectJSONSyntax.maximumDepth
        let atLimit = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect(KonnectJSONSyntax.isValid(Array(atLimit.utf8)))
        let over = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        #expect(!KonnectJSONSyntax.isValid(Array(over.utf8)))
        #expect(!KonnectJSONSyntax.isValid([UInt8](repeating: UInt8(ascii: "["), count: 1_000_000)))
        #expect(!KonnectJSONSyntax.isValid([UInt8](repeating: UInt8(ascii: "{"), count: 1_000_000)))
    }

    @Test("a large flat body is read in one pass")
    func largeBody() {
        let body = "[" + Array(repeating: #""0123456789""#, count: 100_000).joined(separator: ",") + "]"
        #expect(KonnectJSONSyntax.isValid(Array(body.utf8)))
    }
}
