import HTTPServer
import Synchronization

/// Thrown into a stream's handler when a `cut_after` fault ends the stream. The HTTP server
/// then closes the connection without the terminating chunk.
public struct InjectedStreamCut: Error, Equatable, CustomStringConvertible {
    public var afterEvents: Int
    public var description: String { "stream cut by an injected fault after \(afterEvents) events" }
}

/// Wraps a stream's writer to apply the body faults of an action at event boundaries:
/// stall, malformed frame, cut. Writes arrive one at a time (each is awaited), so the
/// mutex only guards the counting, never an await.
final class StreamFaultWriter: Sendable {
    private struct Counting: Sendable {
        var scanner = EventBoundaryScanner()
        var events = 0
    }

    private let action: FaultAction
    private let counting = Mutex(Counting())

    /// A frame whose JSON ends midway, as a proxy that split a chunk badly would send.
    static let malformedFrame = Array(
        "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"\n\n"
            .utf8)

    init(action: FaultAction) {
        self.action = action
    }

    /// The stream body with the action's faults applied.
    static func wrap(
        _ body: @escaping @Sendable (HTTPBodyWriter) async throws -> Void, action: FaultAction
    ) -> @Sendable (HTTPBodyWriter) async throws -> Void {
        { writer in
            let faults = StreamFaultWriter(action: action)
            try await faults.reached(events: 0, writer)
            try await body(HTTPBodyWriter { bytes in try await faults.write(bytes, to: writer) })
        }
    }

    private func write(_ bytes: [UInt8], to writer: HTTPBodyWriter) async throws {
        let (ends, firstCount) = counting.withLock { state in
            let ends = state.scanner.feed(bytes)
            defer { state.events += ends.count }
            return (ends, state.events)
        }
        var start = 0
        for (n, end) in ends.enumerated() {
            try await writer.write(Array(bytes[start..<end]))
            start = end
            try await reached(events: firstCount + n + 1, writer)
        }
        if start < bytes.count {
            try await writer.write(Array(bytes[start...]))
        }
    }

    /// Applies what is due once `events` whole events have been sent.
    private func reached(events: Int, _ writer: HTTPBodyWriter) async throws {
        if action.cutAfterEvents == events {
            throw InjectedStreamCut(afterEvents: events)
        }
        if let stall = action.stallMilliseconds, action.stallAfterEvents == events {
            try await Task.sleep(for: .milliseconds(stall))
        }
        if action.malformedAfterEvents == events {
            try await writer.write(Self.malformedFrame)
        }
    }
}
