/// A JSON value model and a JSON Schema 2020-12 validator. (Filled in by its issue.)
public enum JSONSchemaModule {}
