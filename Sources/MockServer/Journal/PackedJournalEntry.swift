import HTTPServer
import JSONSchema

/// A journal entry as the journal stores it: its strings, headers and bodies in one byte
/// array. Kept as a `JournalEntry`, an entry is some twenty small allocations made while its
/// request ran, among that request's short-lived memory; the thousand entries a namespace
/// keeps then held on to pages the rest had freed (5,000 closed streams left 20 MB resident
/// for their last 1,000 entries). Packed, an entry is one allocation, and pins a page or two.
/// Packing runs on every journaled request; unpacking only when the admin API reads.
struct PackedJournalEntry: Sendable {
    let id: Int
    let retainedBytes: Int
    private let bytes: [UInt8]

    init(_ entry: JournalEntry) {
        id = entry.id
        retainedBytes = entry.retainedBytes
        let fault = entry.fault?.serializedBytes() ?? []
        var writer = PackWriter(capacity: Self.packedSize(of: entry, faultBytes: fault.count))
        writer.string(entry.namespace)
        writer.string(entry.method)
        writer.string(entry.target)
        writer.string(entry.path)
        writer.int(entry.status)
        writer.string(entry.outcome.rawValue)
        writer.int(
            entry.durationMilliseconds.map { Int(bitPattern: UInt(truncatingIfNeeded: $0.bitPattern)) } ?? 0)
        writer.bool(entry.durationMilliseconds != nil)
        writer.headers(entry.requestHeaders)
        writer.capped(entry.requestBody)
        writer.headers(entry.responseHeaders)
        writer.capped(entry.responseBody)
        writer.bool(entry.streamed)
        writer.int(entry.events.count)
        for event in entry.events { writer.string(event) }
        writer.bool(entry.error != nil)
        writer.string(entry.error ?? "")
        writer.bool(entry.fault != nil)
        writer.bytes(fault)
        bytes = writer.bytes
    }

    /// Exactly what `init` writes, so the one allocation is not larger than it must be.
    static func packedSize(of entry: JournalEntry, faultBytes: Int) -> Int {
        func string(_ text: String) -> Int { 8 + text.utf8.count }
        func headers(_ headers: HTTPHeaders) -> Int {
            headers.fields.reduce(8) { $0 + string($1.name) + string($1.value) }
        }
        let strings = [
            entry.namespace, entry.method, entry.target, entry.path, entry.outcome.rawValue,
            entry.error ?? "",
        ]
        .reduce(0) { $0 + string($1) }
        let bodies = 8 + entry.requestBody.bytes.count + 16 + 8 + entry.responseBody.bytes.count + 16
        let events = entry.events.reduce(8) { $0 + string($1) }
        // status and duration bits; the flags for duration, streamed, error and fault
        return strings + 16 + 4 + headers(entry.requestHeaders) + headers(entry.responseHeaders) + bodies
            + events
            + 8 + faultBytes
    }

    private init(id: Int, retainedBytes: Int, bytes: [UInt8]) {
        self.id = id
        self.retainedBytes = retainedBytes
        self.bytes = bytes
    }

    /// Bytes the packed entry holds.
    var byteCount: Int { bytes.count }

    /// The same entry under another id (the journal draws ids under its lock).
    func numbered(_ id: Int) -> PackedJournalEntry {
        PackedJournalEntry(id: id, retainedBytes: retainedBytes, bytes: bytes)
    }

    var entry: JournalEntry {
        var reader = PackReader(bytes: bytes)
        let namespace = reader.string()
        let method = reader.string()
        let target = reader.string()
        let path = reader.string()
        let status = reader.int()
        let outcome = JournalEntry.Outcome(rawValue: reader.string()) ?? .complete
        let durationBits = reader.int()
        let duration = reader.bool() ? Double(bitPattern: UInt64(UInt(bitPattern: durationBits))) : nil
        let requestHeaders = reader.headers()
        let requestBody = reader.capped()
        let responseHeaders = reader.headers()
        let responseBody = reader.capped()
        let streamed = reader.bool()
        var entry = JournalEntry(
            id: id, namespace: namespace, method: method, target: target, path: path, status: status,
            outcome: outcome, durationMilliseconds: duration, requestHeaders: requestHeaders,
            requestBody: requestBody, responseHeaders: responseHeaders, responseBody: responseBody,
            streamed: streamed, fault: nil)
        entry.events = (0..<max(0, reader.int())).map { _ in reader.string() }
        let hasError = reader.bool()
        let error = reader.string()
        if hasError { entry.error = error }
        let hasFault = reader.bool()
        let fault = reader.byteString()
        if hasFault { entry.fault = try? JSONValue.parse(fault) }
        return entry
    }
}

/// Appends fixed-width integers and length-prefixed byte strings.
private struct PackWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    mutating func int(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func bool(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    mutating func bytes(_ value: [UInt8]) {
        int(value.count)
        bytes.append(contentsOf: value)
    }

    mutating func string(_ value: String) {
        int(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    mutating func headers(_ headers: HTTPHeaders) {
        int(headers.fields.count)
        for field in headers {
            string(field.name)
            string(field.value)
        }
    }

    mutating func capped(_ body: CappedBytes) {
        bytes(body.bytes)
        int(body.totalCount)
        int(body.limit)
    }
}

/// Reads what `PackWriter` wrote. The bytes are the journal's own, never a client's, but a
/// read past the end still yields zeros and empty strings rather than trapping.
private struct PackReader {
    let bytes: [UInt8]
    private var offset = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func int() -> Int {
        guard offset <= bytes.count - 8 else {
            offset = bytes.count
            return 0
        }
        var value: Int64 = 0
        for index in (0..<8).reversed() { value = value << 8 | Int64(bytes[offset + index]) }
        offset += 8
        return Int(truncatingIfNeeded: value)
    }

    mutating func bool() -> Bool {
        guard offset < bytes.count else { return false }
        defer { offset += 1 }
        return bytes[offset] != 0
    }

    mutating func slice() -> ArraySlice<UInt8> {
        let count = max(0, min(int(), bytes.count - offset))
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    mutating func byteString() -> [UInt8] { Array(slice()) }

    mutating func string() -> String { String(decoding: slice(), as: UTF8.self) }

    mutating func headers() -> HTTPHeaders {
        var headers = HTTPHeaders()
        for _ in 0..<max(0, min(int(), bytes.count)) {
            let name = string()
            headers.add(name, string())
        }
        return headers
    }

    mutating func capped() -> CappedBytes {
        let kept = byteString()
        let total = int()
        return CappedBytes(restoring: kept, totalCount: total, limit: int())
    }
}
