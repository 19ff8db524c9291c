import JSONSchema
import Testing

@Suite struct JSONPointerTests {
    /// The document of RFC 6901 section 5.
    static let document: JSONValue = [
        "foo": ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3, "g|h": 4, "i\\j": 5, "k\"l": 6, " ": 7,
        "m~n": 8,
    ]

    @Test func rfc6901StringExamples() {
        let d = Self.document
        #expect(d.at(pointer: "") == d)
        #expect(d.at(pointer: "/foo") == ["bar", "baz"])
        #expect(d.at(pointer: "/foo/0") == "bar")
        #expect(d.at(pointer: "/") == 0)
        #expect(d.at(pointer: "/a~1b") == 1)
        #expect(d.at(pointer: "/c%d") == 2)
        #expect(d.at(pointer: "/e^f") == 3)
        #expect(d.at(pointer: "/g|h") == 4)
        #expect(d.at(pointer: "/i\\j") == 5)
        #expect(d.at(pointer: "/k\"l") == 6)
        #expect(d.at(pointer: "/ ") == 7)
        #expect(d.at(pointer: "/m~0n") == 8)
    }

    @Test func rfc6901FragmentExamples() {
        let d = Self.document
        #expect(d.at(pointer: "#") == d)
        #expect(d.at(pointer: "#/foo/0") == "bar")
        #expect(d.at(pointer: "#/") == 0)
        #expect(d.at(pointer: "#/a~1b") == 1)
        #expect(d.at(pointer: "#/c%25d") == 2)
        #expect(d.at(pointer: "#/e%5Ef") == 3)
        #expect(d.at(pointer: "#/i%5Cj") == 5)
        #expect(d.at(pointer: "#/%20") == 7)
        #expect(d.at(pointer: "#/m~0n") == 8)
    }

    @Test func badPointersAndMissingTargetsGiveNil() {
        let d = Self.document
        for pointer in [
            "foo", "/foo/01", "/foo/-", "/foo/2", "/foo/-1", "/nope", "/m~2n", "/m~", "/foo/0/x", "#/%zz",
        ] {
            #expect(d.at(pointer: pointer) == nil, "\(pointer)")
        }
    }

    @Test func escapingRoundTrips() {
        #expect(JSONPointer.escape("a/b~c") == "a~1b~0c")
        #expect(JSONPointer.appending("a/b", to: "/x") == "/x/a~1b")
        #expect(JSONPointer.appending(3, to: "") == "/3")
        #expect(JSONPointer.tokens(of: "/a~1b/~01") == ["a/b", "~1"])
        #expect(JSONPointer.tokens(of: "x") == nil)
    }
}
