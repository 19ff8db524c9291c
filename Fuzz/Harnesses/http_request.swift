import HTTPServer

/// libFuzzer entry point: the HTTP/1.1 request parser on arbitrary bytes, fed whole and then
/// split in two at a point taken from the first byte. Every split must give the same
/// requests and failures (the parser's contract); `continueExpected` is left out of the
/// comparison, since it is sent only when the body has not arrived yet, which depends on
/// the split by design. A trap, an overflow or a hang is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPRequest(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let whole = events(bytes, splitAt: nil)
    if let first = bytes.first, bytes.count > 1 {
        let split = Int(first) % bytes.count
        let pieces = events(bytes, splitAt: split)
        if pieces != whole { fatalError("split at \(split) changed the events: \(whole) vs \(pieces)") }
    }
    return 0
}

private func events(_ bytes: [UInt8], splitAt split: Int?) -> [String] {
    var parser = HTTPRequestParser(maxHeaderSize: 1024, maxBodySize: 4096)
    var out: [String] = []
    let cuts = split.map { [0, $0, bytes.count] } ?? [0, bytes.count]
    for index in 1..<cuts.count {
        parser.feed(bytes[cuts[index - 1]..<cuts[index]])
        while let event = parser.next() {
            switch event {
            case .continueExpected: continue
            case .failure(let error): out.append("failure \(error.status)")
            case .request(let request):
                out.append(
                    "request \(request.method) \(request.target) \(request.body.count) \(request.headers.fields.count)"
                )
            }
        }
    }
    return out
}
