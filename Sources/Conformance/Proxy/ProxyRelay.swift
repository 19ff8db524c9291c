import Foundation
import HTTPServer
import JSONSchema
import SessionsAPI

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The relaying half of `sessions proxy`: an `HTTPHandler` that forwards each request to
/// the target and relays the answer as it arrives, showing the validator (and recorder) a
/// copy of every piece on the way. Streamed bodies go out chunk by chunk, each write
/// reaching the client's socket before the next chunk is awaited; the bytes are never
/// changed. Only hop-by-hop fields are dropped and `Via` added (RFC 9110 §7.6).
public final class ProxyRelay: Sendable {
    public static let reportPath = "/__admin/proxy/report"

    private let upstream: any Upstream
    private let validator: ExchangeValidator
    private let recorder: ProxyRecorder?

    /// An `http://` target is reached over plain kept-alive sockets, an `https://` one over
    /// URLSession (for TLS); `alwaysURLSession` takes URLSession for both (tests of that path).
    public init(
        target: URL, validator: ExchangeValidator, recorder: ProxyRecorder? = nil,
        alwaysURLSession: Bool = false
    ) {
        self.validator = validator
        self.recorder = recorder
        let plain = alwaysURLSession ? nil : PlainHTTPUpstream(target: target)
        upstream = plain ?? UpstreamClient(target: target)
    }

    public var handler: HTTPHandler {
        { [self] request in await relay(request) }
    }

    private func relay(_ request: HTTPRequest) async -> HTTPResponse {
        if request.path == Self.reportPath {
            guard request.method == "GET" else { return .json(405, #"{"error":"use GET"}"#) }
            return .json(200, validator.findings.report().encoded())
        }
        let forwarded = HopByHop.forwardedRequestHeaders(request.headers)
        let wire = WireRequest(
            method: request.method, target: request.target, headers: forwarded,
            body: request.body.isEmpty ? nil : request.body)
        var observation = validator.begin(
            method: request.method, target: request.target, headers: forwarded, body: request.body)
        let response: UpstreamResponse
        do {
            response = try await upstream.open(
                UpstreamRequest(
                    method: request.method, target: request.target, headers: forwarded, body: request.body))
        } catch {
            observation.abandon()
            record(observation, wire, status: nil, headers: [], chunks: [], offsets: [], error: "\(error)")
            let message = JSONValue.string("the proxy's target did not answer: \(error)").serialized()
            return .json(502, #"{"error":\#(message)}"#)
        }
        observation.head(status: response.status, headers: response.headers)
        var headers = HTTPHeaders(
            HopByHop.relayedResponseHeaders(response.headers).map { ($0.name, $0.value) })
        headers.add("Via", HopByHop.via)
        // 204, 304 and HEAD answers have no body, so a streamed one would never be written out
        // (and never finish its observation).
        let bodiless = request.method == "HEAD" || response.status == 204 || response.status == 304
        let streamed =
            !bodiless
            && (HopByHop.isEventStream(response.headers)
                || !response.headers.contains { HTTPHeaders.sameName($0.name, "content-length") })
        guard streamed else {
            return await relayWhole(response, headers: headers, observation: observation, wire: wire)
        }
        let started = observation
        return HTTPResponse(
            status: response.status, headers: headers,
            body: .stream { [self] writer in
                var observation = started
                var kept: [[UInt8]] = []
                var offsets: [Int] = []
                let clock = ContinuousClock.now
                do {
                    for try await chunk in response.chunks {
                        observation.chunk(chunk)
                        if recorder != nil {
                            kept.append(chunk)
                            offsets.append(Int((ContinuousClock.now - clock) / .milliseconds(1)))
                        }
                        try await writer.write(chunk)
                    }
                } catch {
                    response.cancel()
                    observation.finish(cutShort: true)
                    record(
                        observation, wire, status: response.status, headers: response.headers, chunks: kept,
                        offsets: offsets, error: "\(error)")
                    throw error
                }
                observation.finish(cutShort: false)
                record(
                    observation, wire, status: response.status, headers: response.headers, chunks: kept,
                    offsets: offsets, error: nil)
            })
    }

    /// A body of known length is gathered and sent with its length, as the target sent it.
    private func relayWhole(
        _ response: UpstreamResponse, headers: HTTPHeaders, observation: ExchangeObservation,
        wire: WireRequest
    ) async -> HTTPResponse {
        var observation = observation
        var body: [UInt8] = []
        do {
            for try await chunk in response.chunks { body += chunk }
        } catch {
            observation.chunk(body)
            observation.finish(cutShort: true)
            record(
                observation, wire, status: response.status, headers: response.headers, chunks: [body],
                offsets: [],
                error: "\(error)")
            return HTTPResponse(status: 502, headers: headers, body: .resetConnection)
        }
        observation.chunk(body)
        observation.finish(cutShort: false)
        record(
            observation, wire, status: response.status, headers: response.headers, chunks: [body],
            offsets: [],
            error: nil)
        return HTTPResponse(status: response.status, headers: headers, body: .bytes(body))
    }

    private func record(
        _ observation: ExchangeObservation, _ request: WireRequest, status: Int?, headers: [WireHeader],
        chunks: [[UInt8]], offsets: [Int], error: String?
    ) {
        guard let recorder, let api = observation.api else { return }
        recorder.record(
            api: api, number: observation.number, request: request, status: status, headers: headers,
            chunks: chunks, offsetsMs: offsets, error: error)
    }
}

/// Which header fields belong to one hop (RFC 9110 §7.6.1) and so are not relayed.
enum HopByHop {
    static let via = "1.1 sessions-proxy"

    /// The connection-specific fields, and the framing our server recomputes.
    static let fieldNames: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
        "content-length", "proxy-authenticate", "proxy-authorization",
    ]

    /// `fields` minus hop-by-hop ones, including every field `Connection` names.
    static func endToEnd(_ fields: [WireHeader]) -> [WireHeader] {
        var dropped = fieldNames
        for field in fields where HTTPHeaders.sameName(field.name, "connection") {
            for option in field.value.split(separator: ",") {
                dropped.insert(option.asciiTrimmed.lowercased())
            }
        }
        return fields.filter { !dropped.contains($0.name.lowercased()) }
    }

    /// The request's end-to-end fields; `Host` and `Expect` are the client's connection's
    /// (URLSession writes the target's `Host`).
    static func forwardedRequestHeaders(_ headers: HTTPHeaders) -> [WireHeader] {
        endToEnd(headers.map { WireHeader(name: $0.name, value: $0.value) }).filter {
            !["host", "expect"].contains($0.name.lowercased())
        }
    }

    /// The answer's end-to-end fields. URLSession has already undone any `Content-Encoding`
    /// it negotiated, so that field would now describe bytes the client never gets.
    static func relayedResponseHeaders(_ headers: [WireHeader]) -> [WireHeader] {
        endToEnd(headers).filter { $0.name.lowercased() != "content-encoding" }
    }

    static func isEventStream(_ headers: [WireHeader]) -> Bool {
        headers.contains {
            HTTPHeaders.sameName($0.name, "content-type")
                && $0.value.lowercased().hasPrefix("text/event-stream")
        }
    }
}
