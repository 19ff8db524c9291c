import Foundation
import SessionsAPI

/// A request the runner sends, relative to the target's base URL.
public struct WireRequest: Sendable, Codable, Equatable {
    public var method: String
    /// Path and query, e.g. `/v1/sessions?limit=5`.
    public var target: String
    public var headers: [WireHeader]
    public var body: [UInt8]?

    public init(method: String, target: String, headers: [WireHeader] = [], body: [UInt8]? = nil) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// A response as received: its body is also kept as the chunks the transport delivered, so
/// stream framing can be checked (and recorded) across arbitrary splits.
public struct WireResponse: Sendable, Codable, Equatable {
    public var status: Int
    public var headers: [WireHeader]
    public var chunks: [[UInt8]]

    public init(status: Int, headers: [WireHeader] = [], chunks: [[UInt8]] = []) {
        self.status = status
        self.headers = headers
        self.chunks = chunks
    }

    public var body: [UInt8] { chunks.flatMap { $0 } }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The media type of `Content-Type` without parameters, lowercased.
    public var mediaType: String? {
        guard let value = header("Content-Type") else { return nil }
        let type = value.split(separator: ";", maxSplits: 1).first.map(String.init) ?? value
        return type.trimmingCharacters(in: .whitespaces).lowercased()
    }
}

/// Why a request got no HTTP answer.
public enum TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing listens there, the name does not resolve, or TLS failed: the run cannot go on.
    case cannotConnect(String)
    /// The target did not answer in time.
    case timedOut
    /// The connection broke after the exchange started (e.g. a stream cut midway).
    case broken(String)

    public var description: String {
        switch self {
        case .cannotConnect(let why): return "cannot connect: \(why)"
        case .timedOut: return "timed out"
        case .broken(let why): return "connection broken: \(why)"
        }
    }
}

/// Sends one request and returns the whole response. The runner talks only to this, so
/// tests can plug in an in-process handler instead of sockets. Throws `TransportError`.
public protocol HTTPTransport: Sendable {
    func send(_ request: WireRequest) async throws -> WireResponse
    /// Whether a request with a body and no `Content-Type` leaves without one. URLSession
    /// adds `application/x-www-form-urlencoded` to such a request, so a check of how a
    /// target treats a missing `Content-Type` is blocked (not failed) over it.
    var canOmitContentType: Bool { get }
}

extension HTTPTransport {
    public var canOmitContentType: Bool { true }
}
