import JSONSchema
import Testing

@Suite struct JSONSerializerTests {
    @Test func compactOutputSortsKeysByDefault() {
        let value: JSONValue = ["b": 1, "a": [true, nil, "x"], "é": 1.5, "Z": [:]]
        #expect(value.serialized() == #"{"Z":{},"a":[true,null,"x"],"b":1,"é":1.5}"#)
        #expect(value.serialized(sortedKeys: false) == #"{"b":1,"a":[true,null,"x"],"é":1.5,"Z":{}}"#)
    }

    @Test func prettyOutputIndentsByTwoSpaces() {
        let value: JSONValue = ["b": [1, 2], "a": ["c": []], "e": [:]]
        let expected = """
            {
              "a": {
                "c": []
              },
              "b": [
                1,
                2
              ],
              "e": {}
            }
            """
        #expect(value.serialized(pretty: true) == expected)
    }

    @Test func stringsAreEscapedPerRFC8259() {
        let value = JSONValue.string("q\" b\\ /\n\r\t\u{8}\u{C}\u{0}\u{1F}é🎉")
        #expect(value.serialized() == #""q\" b\\ /\n\r\t\b\f\u0000\u001fé🎉""#)
    }

    @Test func doublesUseShortestRoundTripAndKeepAFraction() {
        #expect(JSONValue.double(1).serialized() == "1.0")
        #expect(JSONValue.double(-0.0).serialized() == "-0.0")
        #expect(JSONValue.double(0.1).serialized() == "0.1")
        #expect(JSONValue.double(1e20).serialized() == "1e+20")
        #expect(JSONValue.double(1e-7).serialized() == "1e-07")
        #expect(JSONValue.double(.infinity).serialized() == "null")
        #expect(JSONValue.double(.nan).serialized() == "null")
        #expect(JSONValue.int(-42).serialized() == "-42")
    }

    @Test func serializedTextParsesBackToAnEqualValueOfTheSameKinds() throws {
        let samples: [JSONValue] = [
            [
                "id": "sess_1",
                "n": [1, -2.5, 1.0, 1e300, .double(.leastNonzeroMagnitude), .int(Int.max), .int(Int.min)],
                "s": "a\"\\\n\u{0}é🎉",
            ],
            [[[[]]], [:], ["": ""]],
            .double(-0.0), .double(123456789.123456789), .string(""),
        ]
        for sample in samples {
            for pretty in [false, true] {
                let text = sample.serialized(pretty: pretty)
                let back = try JSONValue.parse(text)
                #expect(back == sample, "\(text)")
                #expect(back.serialized(pretty: pretty) == text)
            }
        }
        // Kinds survive: 1.0 stays a double, 1 stays an int.
        let kinds = try JSONValue.parse(JSONValue.array([.double(1), .int(1)]).serialized())
        guard case .double = kinds[0], case .int = kinds[1] else {
            Issue.record("number kinds changed in \(kinds)")
            return
        }
    }

    @Test func bytesEqualTheText() {
        let value: JSONValue = ["k": "ü"]
        #expect(value.serializedBytes() == Array(value.serialized().utf8))
    }
}
