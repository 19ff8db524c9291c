import HTTPServer
import Locking

/// Thrown into a stream's handler when a `cut_after` fault ends the stream. The HTTP server
/// then closes the connection without the terminating chunk.
public struct InjectedStreamCut: Error, Equatable, CustomStringConvertible {
    public var afterEvents: Int
    public var description: String { "stream cut by an injected fault after \(afterEvents) events" }
}

/// Wraps a stream's writer to apply the body faults of an action at event boundaries:
/// stall, malformed frame, cut, `error` event. Writes arrive one at a time (each is awaited),
/// so the mutex only guards the counting, never an await.
final class StreamFaultWriter: Sendable {
    private struct Counting: Sendable {
        var scanner = EventBoundaryScanner()
        var events = 0
        /// Bytes of an event not yet complete, held back while an `error_after` fault is
        /// pending so the `error` event never lands inside a half-sent event.
        var partial: [UInt8] = []
        /// Set once the `error` event went out (to the events sent before it): nothing more
        /// is written.
        var failedAfterEvents: Int?
    }

    private let action: FaultAction
    private let counting = Locked(Counting())

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
            try await body(writer.passing { bytes in try await faults.write(bytes, to: writer) })
        }
    }

    /// Frames are copied out of `bytes` one at a time, as each is written: a stream that
    /// writes many events at once and then stalls holds only what it wrote, not a copy of
    /// every frame as well.
    private func write(_ bytes: [UInt8], to writer: HTTPBodyWriter) async throws {
        let holdsPartial = action.errorAfterEvents != nil
        let step = counting.withLock { state -> (ends: [Int], partial: [UInt8], firstCount: Int)? in
            guard state.failedAfterEvents == nil else { return nil }
            let ends = state.scanner.feed(bytes)
            // Bytes held back earlier start the first frame that ends here.
            var partial: [UInt8] = []
            if !ends.isEmpty { swap(&partial, &state.partial) }
            if holdsPartial { state.partial += bytes[(ends.last ?? 0)...] }
            defer { state.events += ends.count }
            return (ends, partial, state.events)
        }
        guard let step else {
            throw InjectedStreamError(afterEvents: counting.withLock { $0.failedAfterEvents ?? 0 })
        }
        var start = 0
        for (n, end) in step.ends.enumerated() {
            let frame = (n == 0 ? step.partial : []) + bytes[start..<end]
            start = end
            if holdsPartial && InjectedStreamError.isMessageStop(frame) {
                try await fail(afterEvents: step.firstCount + n, writer)
            }
            try await writer.write(frame)
            try await reached(events: step.firstCount + n + 1, writer)
        }
        if !holdsPartial && start < bytes.count {
            try await writer.write(Array(bytes[start...]))
        }
    }

    /// Sends the `error` event and `[DONE]`, then stops the handler before anything else.
    private func fail(afterEvents events: Int, _ writer: HTTPBodyWriter) async throws -> Never {
        counting.withLock { $0.failedAfterEvents = events }
        try await writer.write(InjectedStreamError.frames(for: action))
        throw InjectedStreamError(afterEvents: events)
    }

    /// Applies what is due once `events` whole events have been sent.
    private func reached(events: Int, _ writer: HTTPBodyWriter) async throws {
        if action.cutAfterEvents == events {
            throw InjectedStreamCut(afterEvents: events)
        }
        if let stall = action.stallMilliseconds, action.stallAfterEvents == events {
            try await writer.pause(milliseconds: stall)
        }
        if action.malformedAfterEvents == events {
            try await writer.write(Self.malformedFrame)
        }
        if action.errorAfterEvents == events {
            try await fail(afterEvents: events, writer)
        }
    }
}
