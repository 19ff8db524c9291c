import EventStream
import Foundation
import SessionsAPI
import Synchronization

/// `--record DIR`: keeps the relayed traffic as transcripts in the `Recordings/` format
/// (`DIR/<api>/proxy.json`), so `sessions serve --replay DIR` can serve a real client's
/// session back. Credentials are masked before anything is kept; streams keep their chunks
/// and the offsets they arrived at, so a replay can pace them as they came.
public final class ProxyRecorder: Sendable {
    /// Exchanges kept per API, and bytes kept in all; later exchanges are counted, not kept,
    /// so a long run stays bounded.
    public static let maximumExchanges = 10_000
    public static let maximumBytes = 256 << 20

    private struct State {
        var exchanges: [String: [RecordedExchange]] = [:]
        var dropped = 0
        var bytes = 0
    }

    public let directory: URL
    private let state = Mutex(State())

    public init(directory: URL) {
        self.directory = directory
    }

    /// Keeps one exchange. `chunks` are the body as relayed; `offsetsMs` when each arrived.
    func record(
        api: APIKind, number: Int, request: WireRequest, status: Int?, headers: [WireHeader],
        chunks: [[UInt8]],
        offsetsMs: [Int], error: String?
    ) {
        let recordedRequest = RecordedExchange.Request(
            method: request.method, target: request.target, headers: Self.masked(request.headers),
            body: request.body.map { Self.text($0) })
        let response = status.map { status in
            let kept = Self.masked(EndToEndHeaders.recorded(headers))
            let wire = WireResponse(status: status, headers: headers, chunks: chunks)
            guard wire.mediaType == "text/event-stream" else {
                return RecordedExchange.Response(
                    status: status, headers: kept, body: Self.text(wire.body), events: nil, chunks: nil)
            }
            let reading = StreamReading(chunks: chunks)
            return RecordedExchange.Response(
                status: status, headers: kept, body: nil,
                events: reading.events.map {
                    RecordedExchange.Event(type: $0.type, data: $0.data, id: $0.id)
                },
                chunks: chunks.map { String(decoding: $0, as: UTF8.self) }, chunkOffsetsMs: offsetsMs)
        }
        let exchange = RecordedExchange(
            step: "exchange \(number)", iteration: 0, request: recordedRequest, response: response,
            error: error)
        let size = (request.body?.count ?? 0) + chunks.reduce(0) { $0 + $1.count }
        state.withLock { state in
            if state.exchanges[api.rawValue, default: []].count < Self.maximumExchanges,
                state.bytes + size <= Self.maximumBytes
            {
                state.exchanges[api.rawValue, default: []].append(exchange)
                state.bytes += size
            } else {
                state.dropped += 1
            }
        }
    }

    /// Writes every API's transcript; called on shutdown (and safe to call again).
    public func flush() throws {
        let snapshot = state.withLock { $0.exchanges }
        for (api, exchanges) in snapshot where !exchanges.isEmpty {
            let folder = directory.appendingPathComponent(api, isDirectory: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let transcript = Transcript(scenario: "proxy", api: api, exchanges: exchanges)
            try Data(transcript.encoded()).write(
                to: folder.appendingPathComponent("proxy.json"), options: .atomic)
        }
    }

    /// Credential-bearing fields keep their name (and auth scheme), never their value.
    static func masked(_ headers: [WireHeader]) -> [WireHeader] {
        headers.map { header in
            let name = header.name.lowercased()
            guard CredentialIdentity.credentialHeaders.contains(name) || name == "set-cookie" else {
                return header
            }
            return WireHeader(name: header.name, value: CredentialIdentity.masked(header.value))
        }
    }

    private static func text(_ bytes: [UInt8]) -> String {
        bytes.count > RecordedExchange.largestStoredBody
            ? "<\(bytes.count) bytes>" : String(decoding: bytes, as: UTF8.self)
    }
}
