import Testing

/// Valid and invalid instances for each applicator keyword.
@Suite struct SchemaApplicatorCaseTests {
    @Test func propertiesRequiredAndAdditionalProperties() {
        SchemaCaseRunner.run(
            """
            [
              {"description": "closed object", "schema": {
                 "type": "object", "required": ["id", "title"], "additionalProperties": false,
                 "properties": {"id": {"type": "string"}, "title": {"type": ["string", "null"]}}}, "tests": [
                {"description": "complete", "data": {"id": "a", "title": null}, "valid": true},
                {"description": "missing title", "data": {"id": "a"}, "valid": false},
                {"description": "wrong id type", "data": {"id": 1, "title": "t"}, "valid": false},
                {"description": "extra property", "data": {"id": "a", "title": "t", "x": 1}, "valid": false},
                {"description": "non-object ignored by object keywords", "data": "x", "valid": false}]},
              {"description": "additionalProperties as a schema", "schema": {
                 "properties": {"a": {}}, "additionalProperties": {"type": "integer"}}, "tests": [
                {"description": "declared any", "data": {"a": "x", "b": 1}, "valid": true},
                {"description": "undeclared string", "data": {"a": "x", "b": "y"}, "valid": false}]},
              {"description": "required alone ignores non-objects", "schema": {"required": ["a"]}, "tests": [
                {"description": "array", "data": ["a"], "valid": true},
                {"description": "null member counts as present", "data": {"a": null}, "valid": true},
                {"description": "absent", "data": {"b": 1}, "valid": false}]}
            ]
            """)
    }

    @Test func itemsAndPrefixItems() {
        SchemaCaseRunner.run(
            """
            [
              {"description": "items", "schema": {"items": {"type": "integer"}}, "tests": [
                {"description": "all integers", "data": [1, 2.0, -3], "valid": true},
                {"description": "empty", "data": [], "valid": true},
                {"description": "one string", "data": [1, "2"], "valid": false},
                {"description": "non-array ignored", "data": {"0": "x"}, "valid": true}]},
              {"description": "items false", "schema": {"items": false}, "tests": [
                {"description": "empty", "data": [], "valid": true},
                {"description": "any item", "data": [1], "valid": false}]},
              {"description": "prefixItems then items", "schema": {
                 "prefixItems": [{"type": "string"}, {"type": "boolean"}], "items": {"type": "null"}}, "tests": [
                {"description": "tuple then nulls", "data": ["a", true, null, null], "valid": true},
                {"description": "short tuple", "data": ["a"], "valid": true},
                {"description": "bad tuple member", "data": ["a", 1], "valid": false},
                {"description": "bad tail", "data": ["a", true, 0], "valid": false}]}
            ]
            """)
    }

    @Test func combinators() {
        SchemaCaseRunner.run(
            """
            [
              {"description": "allOf", "schema": {"allOf": [{"type": "integer"}, {"minimum": 2}]}, "tests": [
                {"description": "both", "data": 3, "valid": true},
                {"description": "first only", "data": 1, "valid": false},
                {"description": "second only", "data": 2.5, "valid": false}]},
              {"description": "anyOf", "schema": {"anyOf": [{"type": "string"}, {"minimum": 10}]}, "tests": [
                {"description": "first", "data": "x", "valid": true},
                {"description": "second", "data": 11, "valid": true},
                {"description": "neither", "data": 9, "valid": false}]},
              {"description": "oneOf", "schema": {"oneOf": [{"type": "integer"}, {"minimum": 2}]}, "tests": [
                {"description": "first only", "data": 1, "valid": true},
                {"description": "second only", "data": 2.5, "valid": true},
                {"description": "both", "data": 3, "valid": false},
                {"description": "neither", "data": 1.5, "valid": false}]},
              {"description": "not", "schema": {"not": {"type": "null"}}, "tests": [
                {"description": "string", "data": "x", "valid": true},
                {"description": "null", "data": null, "valid": false}]},
              {"description": "boolean schemas", "schema": {"properties": {"yes": true, "no": false}}, "tests": [
                {"description": "only yes", "data": {"yes": [1]}, "valid": true},
                {"description": "no present", "data": {"no": 0}, "valid": false}]},
              {"description": "annotations are ignored", "schema": {
                 "title": "T", "description": "D", "examples": [1], "example": 1, "default": 2, "deprecated": true,
                 "readOnly": true, "writeOnly": false, "$comment": "c", "$schema": "s", "$id": "i", "$defs": {},
                 "discriminator": {"propertyName": "type"}, "externalDocs": {}, "xml": {}, "x-vendor": 1,
                 "type": "integer"}, "tests": [
                {"description": "valid", "data": 5, "valid": true},
                {"description": "invalid", "data": "5", "valid": false}]}
            ]
            """)
    }

    @Test func references() {
        SchemaCaseRunner.run(
            """
            [
              {"description": "$ref into $defs with siblings", "schema": {
                 "$defs": {"id": {"type": "string", "minLength": 3}, "a/b": {"const": 1}, "t~x": {"const": 2}},
                 "properties": {"id": {"$ref": "#/$defs/id", "maxLength": 4},
                                "slash": {"$ref": "#/$defs/a~1b"}, "tilde": {"$ref": "#/$defs/t~0x"}}}, "tests": [
                {"description": "valid", "data": {"id": "abcd", "slash": 1, "tilde": 2}, "valid": true},
                {"description": "too short for the target", "data": {"id": "ab"}, "valid": false},
                {"description": "too long for the sibling", "data": {"id": "abcde"}, "valid": false},
                {"description": "escaped slash target", "data": {"slash": 2}, "valid": false},
                {"description": "escaped tilde target", "data": {"tilde": 1}, "valid": false}]},
              {"description": "recursive tree consumes input", "schema": {
                 "$defs": {"node": {"type": "object", "required": ["v"], "additionalProperties": false,
                   "properties": {"v": {"type": "integer"}, "kids": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}},
                 "$ref": "#/$defs/node"}, "tests": [
                {"description": "deep valid tree", "data": {"v": 1, "kids": [{"v": 2, "kids": [{"v": 3}]}]}, "valid": true},
                {"description": "deep invalid leaf", "data": {"v": 1, "kids": [{"v": 2, "kids": [{"v": "3"}]}]}, "valid": false}]},
              {"description": "percent-encoded reference", "schema": {
                 "$defs": {"a b": {"type": "null"}}, "$ref": "#/$defs/a%20b"}, "tests": [
                {"description": "null", "data": null, "valid": true},
                {"description": "not null", "data": 0, "valid": false}]}
            ]
            """)
    }
}
