/// One event dispatched from a `text/event-stream`, as the WHATWG "dispatch the event"
/// step builds it.
public struct ServerSentEvent: Sendable, Equatable {
    /// The event type: the last `event` field of the block, or `"message"` when there was none.
    public var type: String
    /// The joined `data` lines, one LF between lines, without a trailing LF.
    public var data: String
    /// The stream's last event ID when the event was dispatched (WHATWG `lastEventId`), `nil`
    /// when it is empty. It persists from earlier events until an `id` field changes it.
    public var id: String?
    /// The reconnection time (milliseconds) set by a `retry` field inside this event's block,
    /// if any.
    public var retry: Int?

    /// Creates an event.
    /// - Parameters:
    ///   - type: The event type; `"message"` by default.
    ///   - data: The event data.
    ///   - id: The last event ID at dispatch, or `nil`.
    ///   - retry: A reconnection time set in the event's block, or `nil`.
    public init(type: String = "message", data: String, id: String? = nil, retry: Int? = nil) {
        self.type = type
        self.data = data
        self.id = id
        self.retry = retry
    }
}
