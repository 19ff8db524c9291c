/// What a fault does to a request it matches. Several effects combine: latency first, then
/// either a replacement (an error status or a connection reset) or changes to the body the
/// API sent (a cut, a stall, a malformed frame).
public struct FaultAction: Sendable, Equatable {
    /// Wait this long before handling the request.
    public var latencyMilliseconds: Int?
    /// Wait a time drawn from this range (from the seed) before handling the request.
    public var latencyRange: ClosedRange<Int>?
    /// Answer this status in the API's own error envelope instead of calling the API.
    public var status: Int?
    /// `Retry-After` seconds sent with `status` (429 defaults to 1).
    public var retryAfterSeconds: Int?
    /// Message of the error envelope; a default naming the fault otherwise.
    public var message: String?
    /// End the connection, without the terminating chunk, after this many events
    /// (a non-stream body: after half of its bytes).
    public var cutAfterEvents: Int?
    /// Send nothing for this long after `stallAfterEvents` events, then continue.
    public var stallMilliseconds: Int?
    public var stallAfterEvents: Int = 1
    /// Send one malformed SSE frame after this many events (a non-stream body: truncate it).
    public var malformedAfterEvents: Int?
    /// Reset the connection before any byte of the response.
    public var reset: Bool = false

    public init() {}

    /// Whether the action changes nothing (rejected when parsed).
    var isEmpty: Bool {
        latencyMilliseconds == nil && latencyRange == nil && status == nil && cutAfterEvents == nil
            && stallMilliseconds == nil && malformedAfterEvents == nil && !reset
    }

    /// Whether the action edits the body the API produced (as opposed to replacing it).
    var editsBody: Bool {
        cutAfterEvents != nil || stallMilliseconds != nil || malformedAfterEvents != nil
    }

    /// The status an `overloaded` fault answers: Anthropic-style gateways use 529.
    public static let overloadedStatus = 529
}

extension FaultAction {
    /// Field names shared by `POST /__admin/faults` bodies and the `X-Mock-Fault` header.
    static let fieldNames: Set<String> = [
        "latency_ms", "latency_min_ms", "latency_max_ms", "status", "retry_after", "message",
        "cut_after", "stall_ms", "stall_after", "malformed", "malformed_after", "reset",
    ]

    static let maxMilliseconds = 600_000
    static let maxEvents = 1_000_000

    /// Reads the action's fields from an admin object or a parsed header, checking each value
    /// and that the effects can be combined.
    init(fields: AdminFields) throws(AdminInputError) {
        self.init()
        let ms = 0...Self.maxMilliseconds
        latencyMilliseconds = try fields.int("latency_ms", in: ms)
        let low = try fields.int("latency_min_ms", in: ms)
        let high = try fields.int("latency_max_ms", in: ms)
        switch (low, high) {
        case (nil, nil): break
        case (let low?, let high?):
            guard low <= high else {
                throw AdminInputError(field: "latency_max_ms", "must not be below latency_min_ms")
            }
            guard latencyMilliseconds == nil else {
                throw AdminInputError(field: "latency_ms", "give a fixed latency or a range, not both")
            }
            latencyRange = low...high
        case (nil, _): throw AdminInputError(field: "latency_min_ms", "is required with latency_max_ms")
        case (_, nil): throw AdminInputError(field: "latency_max_ms", "is required with latency_min_ms")
        }
        status = try Self.status(fields)
        retryAfterSeconds = try fields.int("retry_after", in: 0...86_400)
        message = try fields.string("message")
        if let message, message.utf8.count > 2_000 {
            throw AdminInputError(field: "message", "must be at most 2000 bytes")
        }
        cutAfterEvents = try fields.int("cut_after", in: 0...Self.maxEvents)
        stallMilliseconds = try fields.int("stall_ms", in: 1...Self.maxMilliseconds)
        if let after = try fields.int("stall_after", in: 0...Self.maxEvents) {
            guard stallMilliseconds != nil else {
                throw AdminInputError(field: "stall_after", "needs stall_ms")
            }
            stallAfterEvents = after
        }
        let malformedAfter = try fields.int("malformed_after", in: 0...Self.maxEvents)
        if try fields.bool("malformed") == true || malformedAfter != nil {
            malformedAfterEvents = malformedAfter ?? 1
        }
        reset = try fields.bool("reset") ?? false
        try checkCombination()
    }

    private static func status(_ fields: AdminFields) throws(AdminInputError) -> Int? {
        if case .string(let name)? = fields.object["status"] {
            guard name == "overloaded" else {
                throw AdminInputError(field: "status", "must be a status code 400…599 or \"overloaded\"")
            }
            return overloadedStatus
        }
        return try fields.int("status", in: 400...599)
    }

    private func checkCombination() throws(AdminInputError) {
        if retryAfterSeconds != nil && status == nil {
            throw AdminInputError(field: "retry_after", "needs status")
        }
        if message != nil && status == nil {
            throw AdminInputError(field: "message", "needs status")
        }
        if isEmpty {
            throw AdminInputError(
                field: "fault",
                "names no effect; give one of latency_ms, latency_min_ms/latency_max_ms, status, cut_after, "
                    + "stall_ms, malformed, reset")
        }
        if reset && (status != nil || editsBody) {
            throw AdminInputError(
                field: "reset", "cannot be combined with status, cut_after, stall_ms or malformed")
        }
        if status != nil && editsBody {
            throw AdminInputError(
                field: "status",
                "replaces the response, so it cannot be combined with cut_after, stall_ms or malformed")
        }
    }

    /// The action as JSON fields, the same names it is parsed from.
    var jsonFields: [String: AdminJSON] {
        var out: [String: AdminJSON] = [:]
        if let latencyMilliseconds { out["latency_ms"] = .int(latencyMilliseconds) }
        if let latencyRange {
            out["latency_min_ms"] = .int(latencyRange.lowerBound)
            out["latency_max_ms"] = .int(latencyRange.upperBound)
        }
        if let status { out["status"] = .int(status) }
        if let retryAfterSeconds { out["retry_after"] = .int(retryAfterSeconds) }
        if let message { out["message"] = .string(message) }
        if let cutAfterEvents { out["cut_after"] = .int(cutAfterEvents) }
        if let stallMilliseconds {
            out["stall_ms"] = .int(stallMilliseconds)
            out["stall_after"] = .int(stallAfterEvents)
        }
        if let malformedAfterEvents { out["malformed_after"] = .int(malformedAfterEvents) }
        if reset { out["reset"] = .bool(true) }
        return out
    }
}
