import JSONSchema

/// libFuzzer entry point: the ECMA-262 pattern compiler and its linear-time matcher. The
/// input up to the first NUL is the pattern, the rest the text to match.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzECMAPattern(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let parts = bytes.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
    let pattern = String(decoding: parts[0], as: UTF8.self)
    guard let compiled = try? ECMAPattern(pattern) else { return 0 }
    let text = parts.count == 2 ? String(decoding: parts[1], as: UTF8.self) : ""
    _ = compiled.matches(text)
    return 0
}
