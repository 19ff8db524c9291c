import JSONSchema
import Testing

@Suite struct JSONParserTests {
    /// The example texts of RFC 8259 sections 13 and 2.
    @Test func rfc8259ExamplesParse() throws {
        let image = """
            {
              "Image": {
                "Width":  800,
                "Height": 600,
                "Title":  "View from 15th Floor",
                "Thumbnail": {
                  "Url":    "http://www.example.com/image/481989943",
                  "Height": 125,
                  "Width":  100
                },
                "Animated" : false,
                "IDs": [116, 943, 234, 38793]
              }
            }
            """
        let value = try JSONValue.parse(image)
        #expect(value["Image"]?["Width"] == 800)
        #expect(value["Image"]?["Thumbnail"]?["Url"]?.stringValue == "http://www.example.com/image/481989943")
        #expect(value["Image"]?["IDs"]?[3] == 38793)
        #expect(value["Image"]?["Animated"] == false)

        let places = try JSONValue.parse(
            """
            [{"precision": "zip", "Latitude": 37.7668, "Longitude": -122.3959, "Zip": "94107"},
             {"precision": "zip", "Latitude": 37.371991, "Longitude": -122.026020, "Zip": "94085"}]
            """)
        #expect(places[1]?["Longitude"] == .double(-122.026020))
        #expect(try JSONValue.parse("\"Hello world!\"") == "Hello world!")
        #expect(try JSONValue.parse("42") == .int(42))
        #expect(try JSONValue.parse("true") == true)
        #expect(try JSONValue.parse(" null ") == .null)
    }

    @Test func numbersBecomeIntWhenTheyFitElseDouble() throws {
        #expect(try JSONValue.parse("-0") == .int(0))
        #expect(try JSONValue.parse("9223372036854775807") == .int(Int.max))
        #expect(try JSONValue.parse("-9223372036854775808") == .int(Int.min))
        guard case .double(let big) = try JSONValue.parse("9223372036854775808") else {
            Issue.record("an integer past Int.max must become a double")
            return
        }
        #expect(big == 9_223_372_036_854_775_808.0)
        guard case .double(let one) = try JSONValue.parse("1.0") else {
            Issue.record("1.0 must stay a double")
            return
        }
        #expect(one == 1)
        #expect(try JSONValue.parse("1e2") == .double(100))
        #expect(try JSONValue.parse("-1.5E-3") == .double(-0.0015))
        #expect(try JSONValue.parse("0.1e+1") == .double(1))
    }

    @Test func stringEscapesAndSurrogatePairsDecode() throws {
        #expect(try JSONValue.parse(#""\"\\\/\b\f\n\r\t""#) == .string("\"\\/\u{8}\u{C}\n\r\t"))
        #expect(try JSONValue.parse(#""\u00e9\u0041\u0000""#) == .string("éA\u{0}"))
        #expect(try JSONValue.parse(#""\uD834\uDD1E""#) == .string("𝄞"))
        #expect(try JSONValue.parse(#""\ud83c\udf89""#) == .string("🎉"))
        #expect(try JSONValue.parse("\"ü🎉 raw\"") == .string("ü🎉 raw"))
    }

    @Test func objectsKeepKeyOrder() throws {
        let value = try JSONValue.parse(#"{"b": 1, "a": 2, "c": {"z": null, "y": []}}"#)
        #expect(value.objectValue?.keys == ["b", "a", "c"])
        #expect(value["c"]?.objectValue?.keys == ["z", "y"])
    }

    static let malformed: [(text: String, offset: Int, fragment: String)] = [
        ("", 0, "unexpected end of input"),
        ("   ", 3, "unexpected end of input"),
        ("[1,]", 3, "expected a value"),
        ("{\"a\":1,}", 7, "string key"),
        ("[1 2]", 3, "',' or ']'"),
        ("{\"a\" 1}", 5, "':'"),
        ("{\"a\":1 \"b\":2}", 7, "',' or '}'"),
        ("{a:1}", 1, "string key"),
        ("01", 0, "leading zeros"),
        ("-01", 0, "leading zeros"),
        ("1.", 2, "decimal point"),
        (".5", 0, "expected a value"),
        ("1e", 2, "exponent"),
        ("1e+", 3, "exponent"),
        ("-", 1, "end of input"),
        ("-x", 1, "digit after '-'"),
        ("+1", 0, "expected a value"),
        ("NaN", 0, "expected a value"),
        ("Infinity", 0, "expected a value"),
        ("1e400", 0, "out of range"),
        ("tru", 0, "truncated literal"),
        ("nul", 0, "truncated literal"),
        ("trUe", 0, "invalid literal"),
        ("\"abc", 0, "unterminated string"),
        ("\"a\tb\"", 2, "control character"),
        ("\"\\x\"", 1, "invalid escape"),
        ("\"\\u12zz\"", 5, "hex digit"),
        ("\"\\u12", 3, "truncated \\u escape"),
        ("\"\\uD800\"", 1, "unpaired high surrogate"),
        ("\"\\uD800\\u0041\"", 1, "not followed by a low"),
        ("\"\\uDC00\"", 1, "unpaired low surrogate"),
        ("// c\n1", 0, "expected a value"),
        ("/* c */ 1", 0, "expected a value"),
        ("1 // c", 2, "after the JSON value"),
        ("[1] [2]", 4, "after the JSON value"),
        ("{\"a\":1,\"a\":2}", 7, "duplicate object key"),
        ("'a'", 0, "expected a value"),
        ("[", 1, "end of input"),
        ("{", 1, "end of input"),
        ("{\"a\"", 4, "end of input"),
        ("\u{FEFF}1", 0, "byte order mark"),
    ]

    @Test func malformedTextIsRejectedWithOffsetAndReason() {
        for (text, offset, fragment) in Self.malformed {
            do {
                let value = try JSONValue.parse(text)
                Issue.record("\(text.debugDescription) parsed as \(value)")
            } catch let error as JSONParseError {
                #expect(error.offset == offset, "\(text.debugDescription): \(error)")
                #expect(error.message.contains(fragment), "\(text.debugDescription): \(error)")
            } catch {
                Issue.record("unexpected error type \(error)")
            }
        }
    }

    @Test func invalidUTF8IsRejected() {
        let cases: [[UInt8]] = [
            [0x22, 0xFF, 0x22],  // never valid
            [0x22, 0xC0, 0xAF, 0x22],  // overlong '/'
            [0x22, 0xE0, 0x80, 0xAF, 0x22],  // overlong, three bytes
            [0x22, 0xED, 0xA0, 0x80, 0x22],  // encoded surrogate
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // above U+10FFFF
            [0x22, 0xC3, 0x22],  // truncated sequence
            [0x22, 0x80, 0x22],  // lone continuation byte
            [0x22, 0xE2, 0x82],  // truncated at end of input
            [0xC3, 0xA9],  // non-ASCII outside a string
        ]
        for bytes in cases {
            #expect(throws: JSONParseError.self, "\(bytes)") { try JSONValue.parse(bytes) }
        }
    }

    @Test func everyTruncationOfASampleIsAnErrorNotACrash() throws {
        let sample = Array(
            #"{"id":"sess_1","n":[1,-2.5e3,true,false,null],"s":"é\n\u00e9\ud83c\udf89","o":{"k":[{}]}}"#.utf8
        )
        #expect(throws: Never.self) { try JSONValue.parse(sample) }
        for length in 0..<sample.count {
            let prefix = Array(sample[..<length])
            #expect(throws: JSONParseError.self, "prefix of \(length) bytes") { try JSONValue.parse(prefix) }
        }
    }

    @Test func nestingIsLimitedWithoutUsingTheStack() {
        let depth = 200_000
        let deep =
            Array(repeating: UInt8(ascii: "["), count: depth)
            + Array(repeating: UInt8(ascii: "]"), count: depth)
        #expect {
            try JSONValue.parse(deep)
        } throws: { error in
            (error as? JSONParseError)?.message.contains("deeper than 512") ?? false
        }
        // The limit is configurable, and a value just inside it parses.
        let ok =
            Array(repeating: UInt8(ascii: "["), count: 512) + Array(repeating: UInt8(ascii: "]"), count: 512)
        #expect(throws: Never.self) { try JSONValue.parse(ok) }
        #expect(throws: JSONParseError.self) { try JSONValue.parse(ok, maximumDepth: 511) }
        let objects = String(repeating: "{\"a\":", count: 600) + "1" + String(repeating: "}", count: 600)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(objects) }
    }

    @Test func longFlatInputsParse() throws {
        let count = 100_000
        let text = "[" + Array(repeating: "1", count: count).joined(separator: ",") + "]"
        #expect(try JSONValue.parse(text).arrayValue?.count == count)
        let longString = "\"" + String(repeating: "é", count: 200_000) + "\""
        #expect(try JSONValue.parse(longString).stringValue?.count == 200_000)
    }
}
