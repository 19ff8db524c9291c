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
/// so the mutex only guards the planning, never an await.
enum StreamFaultWriter {
    /// A frame whose JSON ends midway, as a proxy that split a chunk badly would send.
    static let malformedFrame = Array(
        "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"\n\n"
            .utf8)

    /// The stream body with the action's faults applied.
    static func wrap(
        _ body: @escaping @Sendable (HTTPBodyWriter) async throws -> Void, action: FaultAction
    ) -> @Sendable (HTTPBodyWriter) async throws -> Void {
        { writer in
            let plan = Locked(StreamFaultPlan(action: action))
            try await perform(plan.withLock { $0.start() }, of: [], held: [], action: action, writer)
            try await body(
                writer.passing { bytes in
                    guard let next = plan.withLock({ $0.plan(bytes) }) else {
                        throw InjectedStreamError(afterEvents: plan.withLock { $0.failedAfterEvents ?? 0 })
                    }
                    try await perform(next.steps, of: bytes, held: next.held, action: action, writer)
                })
        }
    }

    /// Frames are copied out of `bytes` one at a time, as each is written: a stream that
    /// writes many events at once and then stalls holds only what it wrote, not a copy of
    /// every frame as well.
    private static func perform(
        _ steps: [StreamFaultPlan.Step], of bytes: [UInt8], held: [UInt8], action: FaultAction,
        _ writer: HTTPBodyWriter
    ) async throws {
        for step in steps {
            switch step {
            case .write(let range, let afterHeld):
                try await writer.write((afterHeld ? held : []) + bytes[range])
            case .pause(let milliseconds):
                try await writer.pause(milliseconds: milliseconds)
            case .malformedFrame:
                try await writer.write(malformedFrame)
            case .fail(let events):
                try await writer.write(InjectedStreamError.frames(for: action))
                throw InjectedStreamError(afterEvents: events)
            case .cut(let events):
                throw InjectedStreamCut(afterEvents: events)
            }
        }
    }
}
