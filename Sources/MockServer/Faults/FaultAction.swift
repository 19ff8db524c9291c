import JSONSchema

/// What a fault does to a request it matches. Several effects combine: latency first, then
/// either a replacement (an error status or a connection reset) or changes to the body the
/// API sent (a cut, a stall, a malformed frame, an `error` event).
public struct FaultAction: Sendable, Equatable {
    /// Wait this long before handling the request.
    public var latencyMilliseconds: Int?
    /// Wait a time drawn from this range (from the seed) before handling the request.
    public var latencyRange: ClosedRange<Int>?
    /// Answer this status in the API's own error envelope instead of calling the API.
    public var status: Int?
    /// `Retry-After` seconds sent with `status` (429 defaults to 1).
    public var retryAfterSeconds: Int?
    /// Message of the error envelope or of the `error` event; a default naming the fault otherwise.
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
    /// On a CID222 message stream: after this many events (or in place of `message_stop`,
    /// whichever comes first) send one `error` event and `[DONE]`, then end the response
    /// normally. The turn is not stored, as no `message_stop` was sent.
    public var errorAfterEvents: Int?
    /// `error.type` of that event; `defaultErrorType` otherwise.
    public var errorType: String?

    public init() {}

    /// Whether the action changes nothing (rejected when parsed).
    var isEmpty: Bool {
        latencyMilliseconds == nil && latencyRange == nil && status == nil && cutAfterEvents == nil
            && stallMilliseconds == nil && malformedAfterEvents == nil && errorAfterEvents == nil && !reset
    }

    /// Whether the action edits the body the API produced (as opposed to replacing it).
    var editsBody: Bool {
        cutAfterEvents != nil || stallMilliseconds != nil || malformedAfterEvents != nil
            || errorAfterEvents != nil
    }

    /// The status an `overloaded` fault answers: Anthropic-style gateways use 529.
    public static let overloadedStatus = 529

    /// The `error.type` an `error_after` fault sends unless `error_type` names another.
    public static let defaultErrorType = "upstream_error"
}

extension FaultAction {
    /// Field names shared by `POST /__admin/faults` bodies and the `X-Mock-Fault` header.
    static let fieldNames: Set<String> = [
        "latency_ms", "latency_min_ms", "latency_max_ms", "status", "retry_after", "message",
        "cut_after", "stall_ms", "stall_after", "malformed", "malformed_after", "reset", "error_after",
        "error_type",
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
        if let message, message.unicodeScalars.count > 2_000 {
            throw AdminInputError(field: "message", "must be at most 2000 characters")
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
        errorAfterEvents = try fields.int("error_after", in: 0...Self.maxEvents)
        errorType = try Self.errorType(fields)
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

    /// An identifier like the documented error types: letters, digits and `_`, at most 64.
    private static func errorType(_ fields: AdminFields) throws(AdminInputError) -> String? {
        guard let type = try fields.string("error_type") else { return nil }
        let allowed = type.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
        guard !type.isEmpty, type.utf8.count <= 64, allowed else {
            throw AdminInputError(field: "error_type", "must be 1 to 64 letters, digits or underscores")
        }
        return type
    }

    private func checkCombination() throws(AdminInputError) {
        if retryAfterSeconds != nil && status == nil {
            throw AdminInputError(field: "retry_after", "needs status")
        }
        if message != nil && status == nil && errorAfterEvents == nil {
            throw AdminInputError(field: "message", "needs status or error_after")
        }
        if errorType != nil && errorAfterEvents == nil {
            throw AdminInputError(field: "error_type", "needs error_after")
        }
        if isEmpty {
            throw AdminInputError(
                field: "fault",
                "names no effect; give one of latency_ms, latency_min_ms/latency_max_ms, status, cut_after, "
                    + "stall_ms, malformed, error_after, reset")
        }
        if reset && (status != nil || editsBody) {
            throw AdminInputError(
                field: "reset",
                "cannot be combined with status, cut_after, stall_ms, malformed or error_after")
        }
        if status != nil && editsBody {
            throw AdminInputError(
                field: "status",
                "replaces the response, so it cannot be combined with cut_after, stall_ms, malformed or error_after"
            )
        }
        if errorAfterEvents != nil && cutAfterEvents != nil {
            throw AdminInputError(
                field: "error_after", "cannot be combined with cut_after: each ends the stream its own way")
        }
    }

    /// The action as JSON fields, the same names it is parsed from.
    var jsonFields: JSONObject {
        var out: JSONObject = [:]
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
        if let errorAfterEvents { out["error_after"] = .int(errorAfterEvents) }
        if let errorType { out["error_type"] = .string(errorType) }
        return out
    }
}
