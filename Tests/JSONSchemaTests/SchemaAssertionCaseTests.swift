import Testing

/// Valid and invalid instances for each assertion keyword.
@Suite struct SchemaAssertionCaseTests {
    @Test func type() {
        SchemaCaseRunner.run(
            """
            [
              {"description": "integer accepts integral numbers", "schema": {"type": "integer"}, "tests": [
                {"description": "int", "data": 1, "valid": true},
                {"description": "1.0", "data": 1.0, "valid": true},
                {"description": "negative", "data": -7, "valid": true},
                {"description": "fraction", "data": 1.5, "valid": false},
                {"description": "string", "data": "1", "valid": false},
                {"description": "null", "data": null, "valid": false}]},
              {"description": "number", "schema": {"type": "number"}, "tests": [
                {"description": "int", "data": 3, "valid": true},
                {"description": "double", "data": 3.5, "valid": true},
                {"description": "bool", "data": true, "valid": false}]},
              {"description": "each simple type", "schema": {"type": "object"}, "tests": [
                {"description": "object", "data": {}, "valid": true},
                {"description": "array", "data": [], "valid": false}]},
              {"description": "array of types", "schema": {"type": ["string", "null"]}, "tests": [
                {"description": "string", "data": "x", "valid": true},
                {"description": "null", "data": null, "valid": true},
                {"description": "number", "data": 0, "valid": false}]},
              {"description": "boolean", "schema": {"type": "boolean"}, "tests": [
                {"description": "false", "data": false, "valid": true},
                {"description": "0", "data": 0, "valid": false}]},
              {"description": "array type", "schema": {"type": "array"}, "tests": [
                {"description": "array", "data": [1], "valid": true},
                {"description": "object", "data": {"0": 1}, "valid": false}]}
            ]
            """)
    }

    @Test func enumAndConst() {
        SchemaCaseRunner.run(
            """
            [
              {"description": "enum", "schema": {"enum": ["smart_chat", "ensemble", 1, null, {"a": [1]}]}, "tests": [
                {"description": "listed string", "data": "ensemble", "valid": true},
                {"description": "listed number as double", "data": 1.0, "valid": true},
                {"description": "listed null", "data": null, "valid": true},
                {"description": "listed object, key order ignored", "data": {"a": [1.0]}, "valid": true},
                {"description": "unlisted", "data": "debate", "valid": false},
                {"description": "case matters", "data": "Ensemble", "valid": false},
                {"description": "false is not 0", "data": false, "valid": false}]},
              {"description": "const", "schema": {"const": {"type": "x", "n": 2}}, "tests": [
                {"description": "same", "data": {"n": 2, "type": "x"}, "valid": true},
                {"description": "extra member", "data": {"n": 2, "type": "x", "m": 1}, "valid": false},
                {"description": "other value", "data": {"n": 3, "type": "x"}, "valid": false}]}
            ]
            """)
    }

    @Test func numericBounds() {
        SchemaCaseRunner.run(
            """
            [
              {"description": "minimum and maximum", "schema": {"minimum": 1, "maximum": 100}, "tests": [
                {"description": "lower bound", "data": 1, "valid": true},
                {"description": "upper bound", "data": 100.0, "valid": true},
                {"description": "below", "data": 0.99, "valid": false},
                {"description": "above", "data": 101, "valid": false},
                {"description": "non-number ignored", "data": "500", "valid": true}]},
              {"description": "exclusive bounds", "schema": {"exclusiveMinimum": 0, "exclusiveMaximum": 1.5}, "tests": [
                {"description": "inside", "data": 0.5, "valid": true},
                {"description": "at lower", "data": 0, "valid": false},
                {"description": "at upper", "data": 1.5, "valid": false}]},
              {"description": "large integers compare exactly", "schema": {"maximum": 9007199254740992}, "tests": [
                {"description": "equal", "data": 9007199254740992, "valid": true},
                {"description": "one above", "data": 9007199254740993, "valid": false}]}
            ]
            """)
    }

    @Test func stringLengthAndPattern() {
        SchemaCaseRunner.run(
            """
            [
              {"description": "length in code points", "schema": {"minLength": 2, "maxLength": 3}, "tests": [
                {"description": "two ASCII", "data": "ab", "valid": true},
                {"description": "two astral code points", "data": "🎉🎉", "valid": true},
                {"description": "one astral code point", "data": "🎉", "valid": false},
                {"description": "e + combining accent is two", "data": "e\\u0301", "valid": true},
                {"description": "too long", "data": "abcd", "valid": false},
                {"description": "non-string ignored", "data": 12345, "valid": true}]},
              {"description": "anchored id pattern", "schema": {"pattern": "^sess_[A-Za-z0-9]{24}$"}, "tests": [
                {"description": "match", "data": "sess_abcdefghijklmnopqrstuvwx", "valid": true},
                {"description": "too short", "data": "sess_abc", "valid": false},
                {"description": "trailing newline", "data": "sess_abcdefghijklmnopqrstuvwx\\n", "valid": false},
                {"description": "non-string ignored", "data": 1, "valid": true}]},
              {"description": "unanchored pattern", "schema": {"pattern": "a+b"}, "tests": [
                {"description": "inside", "data": "xxaab!", "valid": true},
                {"description": "absent", "data": "ba", "valid": false}]},
              {"description": "classes and alternation", "schema": {"pattern": "^(\\\\d{3}|[a-z_-]+)\\\\s?\\\\w*$"}, "tests": [
                {"description": "digits", "data": "123 abc", "valid": true},
                {"description": "letters", "data": "a_b-c", "valid": true},
                {"description": "non-ASCII digit is not \\\\d", "data": "١٢٣", "valid": false},
                {"description": "uppercase", "data": "ABC", "valid": false}]}
            ]
            """)
    }

    @Test func formats() {
        SchemaCaseRunner.run(
            """
            [
              {"description": "date-time", "schema": {"format": "date-time"}, "tests": [
                {"description": "UTC", "data": "2024-01-15T10:30:00Z", "valid": true},
                {"description": "fraction and offset", "data": "2024-01-15T10:30:00.123+05:30", "valid": true},
                {"description": "lowercase t and z", "data": "2024-01-15t10:30:00z", "valid": true},
                {"description": "leap day", "data": "2024-02-29T00:00:00Z", "valid": true},
                {"description": "leap second", "data": "2016-12-31T23:59:60Z", "valid": true},
                {"description": "not a leap year", "data": "2023-02-29T00:00:00Z", "valid": false},
                {"description": "no offset", "data": "2024-01-15T10:30:00", "valid": false},
                {"description": "date only", "data": "2024-01-15", "valid": false},
                {"description": "month 13", "data": "2024-13-01T00:00:00Z", "valid": false},
                {"description": "hour 24", "data": "2024-01-01T24:00:00Z", "valid": false},
                {"description": "space separator", "data": "2024-01-15 10:30:00Z", "valid": false},
                {"description": "empty fraction", "data": "2024-01-15T10:30:00.Z", "valid": false},
                {"description": "offset hour 24", "data": "2024-01-15T10:30:00+24:00", "valid": false},
                {"description": "trailing text", "data": "2024-01-15T10:30:00Zx", "valid": false},
                {"description": "non-string ignored", "data": 12, "valid": true}]},
              {"description": "uuid", "schema": {"format": "uuid"}, "tests": [
                {"description": "lowercase v4", "data": "3f2b8c1e-9d4a-4b6e-8f1a-2c3d4e5f6a7b", "valid": true},
                {"description": "uppercase", "data": "3F2B8C1E-9D4A-4B6E-8F1A-2C3D4E5F6A7B", "valid": true},
                {"description": "no hyphens", "data": "3f2b8c1e9d4a4b6e8f1a2c3d4e5f6a7b", "valid": false},
                {"description": "non-hex", "data": "3f2b8c1e-9d4a-4b6e-8f1a-2c3d4e5f6a7g", "valid": false},
                {"description": "braces", "data": "{3f2b8c1e-9d4a-4b6e-8f1a-2c3d4e5f6a7b}", "valid": false}]},
              {"description": "other formats are annotations", "schema": {"format": "email"}, "tests": [
                {"description": "anything", "data": "not an email", "valid": true}]}
            ]
            """)
    }

    @Test func arraySizeAndUniqueness() {
        SchemaCaseRunner.run(
            """
            [
              {"description": "minItems and maxItems", "schema": {"minItems": 1, "maxItems": 2}, "tests": [
                {"description": "one", "data": [1], "valid": true},
                {"description": "none", "data": [], "valid": false},
                {"description": "three", "data": [1, 2, 3], "valid": false},
                {"description": "non-array ignored", "data": "abc", "valid": true}]},
              {"description": "uniqueItems", "schema": {"uniqueItems": true}, "tests": [
                {"description": "unique", "data": [1, "1", [1]], "valid": true},
                {"description": "1 and 1.0 repeat", "data": [1, 1.0], "valid": false},
                {"description": "objects in any order repeat", "data": [{"a": 1, "b": 2}, {"b": 2, "a": 1}], "valid": false}]}
            ]
            """)
    }

    @Test func objectSize() {
        SchemaCaseRunner.run(
            """
            [
              {"description": "min and max properties", "schema": {"minProperties": 1, "maxProperties": 1}, "tests": [
                {"description": "one", "data": {"a": 1}, "valid": true},
                {"description": "none", "data": {}, "valid": false},
                {"description": "two", "data": {"a": 1, "b": 2}, "valid": false}]}
            ]
            """)
    }
}
