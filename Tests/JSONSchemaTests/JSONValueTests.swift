import Foundation
import JSONSchema
import Testing

@Suite struct JSONValueTests {
    @Test func numbersCompareByValueAcrossKinds() {
        #expect(JSONValue.int(1) == .double(1.0))
        #expect(JSONValue.double(1.5) != .int(1))
        #expect(JSONValue.int(Int.max) != .double(Double(Int.max)))  // 2^63 is not Int.max
        #expect(Set<JSONValue>([.int(1), .double(1.0)]).count == 1)
    }

    @Test func objectEqualityAndHashIgnoreOrder() {
        let a = try? JSONValue.parse(#"{"x":1,"y":[1,2]}"#)
        let b = try? JSONValue.parse(#"{"y":[1,2],"x":1.0}"#)
        #expect(a == b)
        #expect(a?.hashValue == b?.hashValue)
        #expect(JSONValue.array([1, 2]) != .array([2, 1]))
        #expect(JSONValue.object(["x": 1]) != .object(["x": 1, "y": 2]))
    }

    @Test func accessorsReturnNilForOtherKinds() {
        let value: JSONValue = ["s": "t", "i": 3, "d": 2.0, "f": 2.5, "b": true, "a": [1], "n": nil]
        #expect(value["s"]?.stringValue == "t")
        #expect(value["i"]?.intValue == 3)
        #expect(value["d"]?.intValue == 2)
        #expect(value["f"]?.intValue == nil)
        #expect(value["i"]?.doubleValue == 3)
        #expect(value["b"]?.boolValue == true)
        #expect(value["a"]?.arrayValue == [1])
        #expect(value["a"]?[1] == nil)
        #expect(value["a"]?[-1] == nil)
        #expect(value["n"]?.isNull == true)
        #expect(value["missing"] == nil)
        #expect(value["s"]?["x"] == nil)
        #expect(value["s"]?.intValue == nil)
        #expect(value.objectValue?.count == 7)
    }

    @Test func objectMutationKeepsFirstPosition() {
        var object: JSONObject = ["a": 1, "b": 2]
        object["a"] = 3
        object["c"] = 4
        object["b"] = nil
        #expect(object.keys == ["a", "c"])
        #expect(object.map(\.key) == ["a", "c"])
        #expect(object["a"] == 3)
        #expect(object.contains("c"))
        #expect(!object.contains("b"))
    }

    @Test func codableRoundTripThroughFoundation() throws {
        struct Envelope: Codable, Equatable {
            var name: String
            var payload: JSONValue
        }
        let original = Envelope(
            name: "n", payload: ["flag": true, "one": 1, "half": 0.5, "list": [nil, "x"], "o": [:]])
        let data = try JSONEncoder().encode(original)
        let decoded = try JSONDecoder().decode(Envelope.self, from: data)
        #expect(decoded == original)
        guard case .bool = decoded.payload["flag"], case .int = decoded.payload["one"] else {
            Issue.record("kinds changed: \(decoded.payload)")
            return
        }
        let parsed = try JSONValue.parse(Array(data))
        #expect(parsed["payload"] == original.payload)
    }

    @Test func typeNamesFollowJSONSchema() {
        let names = ([nil, true, 1, 1.5, "s", [], [:]] as [JSONValue]).map(\.typeName)
        #expect(names == ["null", "boolean", "integer", "number", "string", "array", "object"])
    }
}
