/// The `data` of each event in a recorded SSE body, for the journal. Only what a reader of
/// the journal needs: `data` lines joined by newlines; comments and other fields skipped; a
/// trailing partial event (a stream cut midway) is kept as it stands.
enum StreamEventData {
    static func events(in bytes: [UInt8]) -> [String] {
        var scanner = EventBoundaryScanner()
        var start = 0
        var out: [String] = []
        for end in scanner.feed(bytes) {
            if let data = data(of: bytes[start..<end]) { out.append(data) }
            start = end
        }
        if start < bytes.count, let data = data(of: bytes[start...]) { out.append(data) }
        return out
    }

    private static func data(of frame: ArraySlice<UInt8>) -> String? {
        let lines = frame.split(omittingEmptySubsequences: true) {
            $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r")
        }
        var values: [String] = []
        for line in lines {
            let prefix = Array("data".utf8)
            guard line.starts(with: prefix) else { continue }
            var value = line.dropFirst(prefix.count)
            if let colon = value.first {
                guard colon == UInt8(ascii: ":") else { continue }
                value = value.dropFirst()
                if value.first == UInt8(ascii: " ") { value = value.dropFirst() }
            }
            values.append(String(decoding: value, as: UTF8.self))
        }
        return values.isEmpty ? nil : values.joined(separator: "\n")
    }
}
