import JSONSchema

/// libFuzzer entry point: the strict JSON parser. What it accepts must serialize to text
/// that parses and serializes to the same bytes again (doubles may round once, not twice).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let value = try? JSONValue.parse(bytes) else { return 0 }
    let text = value.serializedBytes()
    guard let again = try? JSONValue.parse(text) else { fatalError("serialized text does not parse") }
    if again.serializedBytes() != text { fatalError("serialize, parse, serialize is not stable") }
    return 0
}
