import Foundation

/// One scenario's exchanges as `sessions check --record` writes them and `sessions diff` and
/// `sessions serve --replay` read them: credentials redacted, no wall-clock durations and
/// only end-to-end response headers in name order (no `Date`, `Server` or framing fields),
/// keys sorted, so equal runs give equal bytes over any transport. Unknown fields are ignored
/// when decoding, so a newer recorder stays readable.
public struct Transcript: Codable, Sendable, Equatable {
    public var scenario: String
    public var api: String
    public var exchanges: [RecordedExchange]

    public init(scenario: String, api: String, exchanges: [RecordedExchange]) {
        self.scenario = scenario
        self.api = api
        self.exchanges = exchanges
    }

    /// Pretty JSON with sorted keys and a final newline.
    public func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return [] }
        return Array(data) + [0x0A]
    }
}
