import HTTPServer
import JSONSchema
import Testing

@testable import MockServer

/// Konnect request bodies go through the shared strict parser (`JSONValue.parse`): these
/// pin what the routes accept as JSON, now that the route-specific syntax check is gone.
@Suite("Konnect's strict JSON body syntax")
struct KonnectJSONBodySyntaxTests {
    static let valid = [
        "{}", "[]", "0", "-0", "1.5e-3", "-12E+2", "true", "false", "null", #""""#, #""\u00e9\n\"\\\/""#,
        #" { "a" : [ 1 , { "b" : null } ] , "c" : "d" } "#, "[[[]]]", #"{"a":{"b":{"c":[true,false]}}}"#,
        "\t\r\n[1]\n",
    ]

    static let invalid = [
        " ", "{", "}", "[", "]", "{,}", "[,]", "[1,]", #"{"a":1,}"#, #"{"a"}"#, #"{"a":}"#, #"{a:1}"#,
        "{'a':1}", "[1 2]", #"{"a":1 "b":2}"#, "01", "-", "1.", ".5", "1e", "1e+", "+1", "NaN", "Infinity",
        "tru", "nul", "falsey", "truex", #""abc"#, #""\x""#, #""\u12G4""#, #""\u12""#, "\"a\u{01}b\"", "[1]]",
        "{}{}", "1 2", "\u{FEFF}{}", "[1,,2]", #"{"a"::1}"#, "/* c */ {}", "[1]//", #"{"a":1,"a":2}"#,
    ]

    /// The error `KonnectJSONBody.read` gives for a body, or nil when it reads one.
    static func readError(_ bytes: [UInt8]) -> KonnectAPIError? {
        let request = HTTPRequest(
            method: "POST", target: "/v1/chat", headers: HTTPHeaders([("Content-Type", "application/json")]),
            body: bytes)
        do {
            _ = try KonnectJSONBody.read(request)
            return nil
        } catch {
            return error
        }
    }

    static let syntaxError = "Request body is not valid JSON"

    @Test("RFC 8259 texts pass the syntax check (non-objects are refused for their shape)", arguments: valid)
    func acceptsValid(text: String) {
        let error = Self.readError(Array(text.utf8))
        #expect(error?.message != Self.syntaxError)
        #expect(text.hasPrefix("{") || text.contains("{ \"a\"") ? error == nil : error?.status == 400)
    }

    @Test("malformed texts, and duplicate keys, are refused as invalid JSON", arguments: invalid)
    func refusesInvalid(text: String) {
        let error = Self.readError(Array(text.utf8))
        #expect(error?.status == 400)
        #expect(error?.message == Self.syntaxError)
    }

    @Test("every truncation of a valid object is refused")
    func truncations() {
        let text = Array(
            #"{"message":"Hi \"there\" \u00e9","session_id":null,"n":[-1.5e3,true,{"x":[]}]}"#.utf8)
        #expect(Self.readError(text) == nil)
        for cut in 1..<text.count {
            #expect(
                Self.readError(Array(text[..<cut]))?.message == Self.syntaxError, "prefix of \(cut) bytes")
        }
    }

    @Test("nesting up to the limit is read; deeper nesting is refused without recursion")
    func depthLimit() {
        let limit = JSONValue.defaultMaximumDepth
        let atLimit =
            "{\"a\":" + String(repeating: "[", count: limit - 1) + String(repeating: "]", count: limit - 1)
            + "}"
        #expect(Self.readError(Array(atLimit.utf8)) == nil)
        let over =
            "{\"a\":" + String(repeating: "[", count: limit) + String(repeating: "]", count: limit) + "}"
        #expect(Self.readError(Array(over.utf8))?.message == Self.syntaxError)
        #expect(
            Self.readError([UInt8](repeating: UInt8(ascii: "["), count: 1_000_000))?.message
                == Self.syntaxError)
        #expect(
            Self.readError([UInt8](repeating: UInt8(ascii: "{"), count: 1_000_000))?.message
                == Self.syntaxError)
    }

    @Test("a large flat body is read in one pass")
    func largeBody() {
        let body =
            "{\"a\":[" + Array(repeating: #""0123456789""#, count: 100_000).joined(separator: ",") + "]}"
        #expect(Self.readError(Array(body.utf8)) == nil)
    }
}
