/// Finds where Server-Sent Events end in a byte stream (a blank line after at least one
/// non-blank line; LF, CR and CRLF all end a line, as WHATWG's parser reads them), so stream
/// faults can count events however the writes split them.
struct EventBoundaryScanner: Sendable {
    private var lineEmpty = true
    private var eventHasContent = false
    private var afterCR = false

    /// Feeds the next bytes; returns the offsets in `bytes` just past each event's end.
    mutating func feed(_ bytes: [UInt8]) -> [Int] {
        var ends: [Int] = []
        for (i, byte) in bytes.enumerated() {
            let cr = UInt8(ascii: "\r")
            let lf = UInt8(ascii: "\n")
            if afterCR && byte == lf {
                afterCR = false
                // The LF belongs to the CRLF that ended an event just before it.
                if ends.last == i { ends[ends.count - 1] = i + 1 }
                continue
            }
            afterCR = false
            if byte == cr || byte == lf {
                if lineEmpty && eventHasContent {
                    ends.append(i + 1)
                    eventHasContent = false
                }
                lineEmpty = true
                afterCR = byte == cr
            } else {
                lineEmpty = false
                eventHasContent = true
            }
        }
        return ends
    }
}
