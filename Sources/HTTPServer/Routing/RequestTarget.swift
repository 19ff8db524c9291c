/// Splits an origin-form request target into its path and decoded query items.
enum RequestTarget {
    static func split(_ target: String) -> (path: String, query: [QueryItem]) {
        let bytes = Array(target.utf8)
        guard let q = bytes.firstIndex(of: UInt8(ascii: "?")) else {
            return (target, [])
        }
        let path = String(decoding: bytes[..<q], as: UTF8.self)
        var items: [QueryItem] = []
        for pair in bytes[(q + 1)...].split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            if let eq = pair.firstIndex(of: UInt8(ascii: "=")) {
                items.append(
                    QueryItem(name: decode(pair[pair.startIndex..<eq]), value: decode(pair[(eq + 1)...])))
            } else {
                items.append(QueryItem(name: decode(pair[...]), value: ""))
            }
        }
        return (path, items)
    }

    /// Percent-decoding; an invalid escape is kept as written. `+` means a space only in a query.
    static func decode(_ part: ArraySlice<UInt8>, plusAsSpace: Bool = true) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(part.count)
        var i = part.startIndex
        while i < part.endIndex {
            let b = part[i]
            if plusAsSpace && b == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if b == UInt8(ascii: "%"), i + 2 < part.endIndex,
                let hi = hexValue(part[i + 1]), let lo = hexValue(part[i + 2])
            {
                out.append(hi << 4 | lo)
                i += 2
            } else {
                out.append(b)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
