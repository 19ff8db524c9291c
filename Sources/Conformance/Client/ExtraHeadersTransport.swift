import Foundation
import SessionsAPI

/// A transport that adds fixed headers to every request it passes on: the headers some
/// gateways need in front of them (tenant routing, a WAF token), given as `check --header`.
/// Cleanup requests go through the same transport, so they carry them too. A header the
/// request already has is left as the scenario set it, so a check of a missing or wrong
/// field still sends exactly that.
///
/// They are added below the runner: reports, reproducers and recordings show the requests
/// as the scenarios wrote them, so a secret given this way never lands in a report.
public struct ExtraHeadersTransport: HTTPTransport {
    public let base: any HTTPTransport
    public let headers: [WireHeader]

    public init(base: any HTTPTransport, headers: [WireHeader]) {
        self.base = base
        self.headers = headers
    }

    public var canOmitContentType: Bool { base.canOmitContentType }

    public func send(_ request: WireRequest) async throws -> WireResponse {
        var request = request
        for header in headers where request.header(header.name) == nil {
            request.headers.append(header)
        }
        return try await base.send(request)
    }

    /// Fields the runner itself decides; setting them from outside would change what the
    /// scenarios check (credentials have their own options).
    public static let reservedNames: Set<String> = [
        "authorization", "content-type", "content-length", "transfer-encoding", "host", "connection",
    ]

    /// Parses `Name: value`; nil with the reason when it is not a header line the runner
    /// may add.
    public static func parse(_ text: String) -> Result<WireHeader, HeaderLineError> {
        guard let colon = text.firstIndex(of: ":") else { return .failure(.noColon) }
        let name = String(text[..<colon])
        guard !name.isEmpty, name.utf8.allSatisfy(isTokenCharacter) else { return .failure(.badName) }
        guard !reservedNames.contains(name.lowercased()) else { return .failure(.reserved(name)) }
        let value = text[text.index(after: colon)...].trimmingCharacters(in: [" ", "\t"])
        // Field values may hold visible characters, spaces and tabs, never CR, LF or NUL
        // (RFC 9110 §5.5): a line break would smuggle in a second header.
        guard value.unicodeScalars.allSatisfy({ $0 != "\r" && $0 != "\n" && $0 != "\0" }) else {
            return .failure(.badValue)
        }
        return .success(WireHeader(name: name, value: value))
    }

    /// RFC 9110 §5.6.2 `tchar`.
    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}

/// Why a `--header` value was refused.
public enum HeaderLineError: Error, Equatable, CustomStringConvertible {
    case noColon
    case badName
    case badValue
    case reserved(String)

    public var description: String {
        switch self {
        case .noColon: return "expected 'Name: value'"
        case .badName: return "the name must be a non-empty HTTP token (letters, digits, !#$%&'*+-.^_`|~)"
        case .badValue: return "the value must not contain a line break"
        case .reserved(let name):
            return "\(name) is set by the run itself (use --token or --api-key for credentials)"
        }
    }
}
