/// An incremental reader of `text/event-stream` bytes that follows the WHATWG HTML rules
/// ("interpret an event stream"): UTF-8 with one leading BOM dropped, CR/LF/CRLF line ends
/// (also when a CRLF is split between two chunks), comments, `event`, `data`, `id`, `retry`.
///
/// Feed it chunks as they arrive, split anywhere; it returns the events completed by each
/// chunk. Lines and events are bounded by `maximumLineLength` and `maximumEventSize`: past
/// them the parser sets `error` and ignores the rest of the stream instead of growing.
public struct SSEParser: Sendable {
    /// The last event ID string (WHATWG): set at each dispatch point from the `id` fields seen.
    public private(set) var lastEventID: String = ""
    /// The reconnection time in milliseconds from the latest valid `retry` field, if any.
    public private(set) var reconnectionTime: Int?
    /// How many comment lines (lines starting with a colon) have been read.
    public private(set) var commentCount: Int = 0
    /// Set when a limit was passed; the parser then ignores all further input.
    public private(set) var error: SSEParserError?
    /// The longest line, in bytes without its line end, the parser accepts.
    public let maximumLineLength: Int
    /// The largest data buffer, in bytes, one event may accumulate.
    public let maximumEventSize: Int

    /// One mebibyte: the default for both limits.
    public static let defaultLimit = 1 << 20

    private var line: [UInt8] = []
    private var skipLineFeed = false
    private var bomCandidate: [UInt8] = []
    private var atStreamStart = true
    private var dataBuffer: [UInt8] = []
    private var hasData = false
    private var eventTypeBuffer: [UInt8] = []
    private var lastEventIDBuffer: [UInt8] = []
    private var retryInBlock: Int?

    /// Creates a parser with 1 MiB limits.
    public init() {
        self.init(maximumLineLength: Self.defaultLimit, maximumEventSize: Self.defaultLimit)
    }

    /// Creates a parser with explicit limits.
    /// - Parameters:
    ///   - maximumLineLength: The longest line in bytes; at least 1.
    ///   - maximumEventSize: The largest event data in bytes; at least 1.
    public init(maximumLineLength: Int, maximumEventSize: Int) {
        self.maximumLineLength = max(1, maximumLineLength)
        self.maximumEventSize = max(1, maximumEventSize)
    }

    /// Reads the next chunk of the stream.
    /// - Parameter bytes: Bytes in stream order; a chunk may end anywhere, even inside a
    ///   UTF-8 sequence or between the CR and LF of a CRLF.
    /// - Returns: The events dispatched by blank lines inside this chunk, in order.
    public mutating func feed<C: Collection>(_ bytes: C) -> [ServerSentEvent] where C.Element == UInt8 {
        var events: [ServerSentEvent] = []
        for byte in bytes {
            if error != nil { break }
            if atStreamStart {
                consumeStreamStart(byte, into: &events)
            } else {
                consume(byte, into: &events)
            }
        }
        return events
    }

    /// Ends the stream. A last event without its blank line is discarded, as the WHATWG rules
    /// require; the last event ID and reconnection time are kept for a reconnection.
    /// - Returns: Always empty, since only a blank line dispatches an event; it is returned
    ///   so callers can treat the end of the stream like any other chunk.
    public mutating func finish() -> [ServerSentEvent] {
        line.removeAll()
        bomCandidate.removeAll()
        atStreamStart = true
        skipLineFeed = false
        lastEventIDBuffer = Array(lastEventID.utf8)
        resetEventBuffers()
        return []
    }

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private mutating func consumeStreamStart(_ byte: UInt8, into events: inout [ServerSentEvent]) {
        bomCandidate.append(byte)
        if bomCandidate == Self.byteOrderMark {
            bomCandidate.removeAll()
            atStreamStart = false
        } else if !Self.byteOrderMark.starts(with: bomCandidate) {
            atStreamStart = false
            let pending = bomCandidate
            bomCandidate.removeAll()
            for pendingByte in pending where error == nil {
                consume(pendingByte, into: &events)
            }
        }
    }

    private mutating func consume(_ byte: UInt8, into events: inout [ServerSentEvent]) {
        switch byte {
        case 0x0A:
            if skipLineFeed {
                skipLineFeed = false
                return
            }
            endLine(into: &events)
        case 0x0D:
            skipLineFeed = true
            endLine(into: &events)
        default:
            skipLineFeed = false
            guard line.count < maximumLineLength else {
                fail(.lineTooLong(limit: maximumLineLength))
                return
            }
            line.append(byte)
        }
    }

    private mutating func endLine(into events: inout [ServerSentEvent]) {
        defer { line.removeAll(keepingCapacity: line.count <= 4096) }
        if line.isEmpty {
            if let event = dispatch() { events.append(event) }
            return
        }
        guard let colonIndex = line.firstIndex(of: 0x3A) else {
            process(field: line[...], value: [][...])
            return
        }
        if colonIndex == line.startIndex {
            commentCount &+= 1
            return
        }
        var valueStart = line.index(after: colonIndex)
        if valueStart < line.endIndex && line[valueStart] == 0x20 {
            valueStart = line.index(after: valueStart)
        }
        process(field: line[..<colonIndex], value: line[valueStart...])
    }

    private mutating func process(field: ArraySlice<UInt8>, value: ArraySlice<UInt8>) {
        if field.elementsEqual("data".utf8) {
            guard dataBuffer.count + value.count + 1 <= maximumEventSize else {
                fail(.eventTooLarge(limit: maximumEventSize))
                return
            }
            dataBuffer.append(contentsOf: value)
            dataBuffer.append(0x0A)
            hasData = true
        } else if field.elementsEqual("event".utf8) {
            eventTypeBuffer = Array(value)
        } else if field.elementsEqual("id".utf8) {
            if !value.contains(0) { lastEventIDBuffer = Array(value) }
        } else if field.elementsEqual("retry".utf8) {
            if let milliseconds = Self.parseDigits(value) {
                reconnectionTime = milliseconds
                retryInBlock = milliseconds
            }
        }
    }

    /// Only a non-empty run of ASCII digits counts; a value too large for `Int` is ignored.
    private static func parseDigits(_ value: ArraySlice<UInt8>) -> Int? {
        guard !value.isEmpty else { return nil }
        var result = 0
        for byte in value {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            let (shifted, overflow1) = result.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.addingReportingOverflow(Int(byte - 0x30))
            if overflow1 || overflow2 { return nil }
            result = sum
        }
        return result
    }

    private mutating func dispatch() -> ServerSentEvent? {
        lastEventID = String(decoding: lastEventIDBuffer, as: UTF8.self)
        defer { resetEventBuffers() }
        guard hasData else { return nil }
        var data = dataBuffer
        if data.last == 0x0A { data.removeLast() }
        let type = eventTypeBuffer.isEmpty ? "message" : String(decoding: eventTypeBuffer, as: UTF8.self)
        return ServerSentEvent(
            type: type,
            data: String(decoding: data, as: UTF8.self),
            id: lastEventID.isEmpty ? nil : lastEventID,
            retry: retryInBlock
        )
    }

    private mutating func resetEventBuffers() {
        dataBuffer.removeAll(keepingCapacity: dataBuffer.count <= 4096)
        hasData = false
        eventTypeBuffer.removeAll()
        retryInBlock = nil
    }

    private mutating func fail(_ reason: SSEParserError) {
        error = reason
        line = []
        dataBuffer = []
    }
}
