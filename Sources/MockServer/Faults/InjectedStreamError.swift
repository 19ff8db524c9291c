import JSONSchema
import SessionsAPI

/// Thrown into a CID222 stream's handler once an `error_after` fault has sent its `error`
/// event and `[DONE]`: the handler stops before `message_stop`, so its turn is not stored.
/// Unlike `InjectedStreamCut` this is a designed ending, so the journal recorder ends the
/// response normally (with HTTP's final chunk) and journals the outcome `error`.
public struct InjectedStreamError: Error, Equatable, CustomStringConvertible {
    public var afterEvents: Int
    public var description: String {
        "stream failed with an injected error event after \(afterEvents) events"
    }

    static let defaultMessage =
        "The upstream model failed midway through the reply (injected fault); this turn was not stored"

    /// The `error` event, in the contract's shape, and the end marker that follows it.
    static func frames(for action: FaultAction) -> [UInt8] {
        let event = CID222StreamError(
            type: action.errorType ?? FaultAction.defaultErrorType, message: action.message ?? defaultMessage)
        return SSEFraming.event(event) + SSEFraming.done
    }

    /// Whether a whole SSE frame is CID222's `message_stop`, which an `error_after` fault
    /// replaces so the turn is never committed.
    static func isMessageStop(_ frame: [UInt8]) -> Bool {
        guard let data = StreamEventData.events(in: frame).first,
            let value = JSONValue.strictBody(Array(data.utf8)),
            case .object(let object) = value
        else { return false }
        return object["type"] == .string("message_stop")
    }
}
