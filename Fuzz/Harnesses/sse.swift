import EventStream

/// libFuzzer entry point: the WHATWG event-stream parser. Fed whole and fed byte by byte,
/// it must dispatch the same events.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSSE(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var whole = SSEParser()
    let all = (whole.feed(bytes) + whole.finish()).map { "\($0.type)|\($0.data)|\($0.id ?? "")" }
    var pieces = SSEParser()
    var split: [String] = []
    for byte in bytes { split += pieces.feed(CollectionOfOne(byte)).map { "\($0.type)|\($0.data)|\($0.id ?? "")" } }
    split += pieces.finish().map { "\($0.type)|\($0.data)|\($0.id ?? "")" }
    if all != split { fatalError("byte-by-byte feeding changed the events") }
    return 0
}
