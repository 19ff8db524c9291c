import HTTPServer
import SessionsAPI

/// Applies a fault action to one request: latency, then an error status or a reset instead of
/// the API's answer, or the API's answer with its body cut, stalled, malformed or failed with
/// an `error` event.
enum FaultInjector {
    /// - Parameters:
    ///   - draw: a seeded value for this use of the fault (latency ranges draw from it).
    static func respond(
        to request: HTTPRequest, action: FaultAction, draw: UInt64, next: HTTPHandler
    ) async -> HTTPResponse {
        let delay = latency(action, draw: draw)
        if delay > 0 {
            // Cancellation (the client went away) just ends the wait early.
            try? await Task.sleep(for: .milliseconds(delay))
        }
        if action.reset {
            return HTTPResponse(status: 0, body: .resetConnection)
        }
        if let status = action.status {
            return errorResponse(status: status, action: action, path: request.path)
        }
        let response = await next(request)
        var action = action
        if MockAPI.of(path: request.path) != .cid222 {
            // The `error` event is CID222's shape; on other paths the effect does nothing.
            action.errorAfterEvents = nil
        }
        guard action.editsBody else { return response }
        return await editBody(response, action: action)
    }

    static func latency(_ action: FaultAction, draw: UInt64) -> Int {
        if let fixed = action.latencyMilliseconds { return fixed }
        guard let range = action.latencyRange else { return 0 }
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(draw % span)
    }

    @inline(never)
    static func errorResponse(status: Int, action: FaultAction, path: String) -> HTTPResponse {
        var headers = HTTPHeaders()
        let retryAfter = action.retryAfterSeconds ?? (status == 429 ? 1 : nil)
        if let retryAfter {
            headers.set("Retry-After", String(retryAfter))
        }
        if status == 429 {
            headers.set("X-RateLimit-Limit", "60")
            headers.set("X-RateLimit-Remaining", "0")
            headers.set("X-RateLimit-Reset", String(retryAfter ?? 1))
        }
        let message = action.message ?? defaultMessage(status)
        return APIErrorResponses.response(status: status, message: message, path: path, headers: headers)
    }

    static func defaultMessage(_ status: Int) -> String {
        switch status {
        case 429: return "Rate limit exceeded (injected fault); retry after the Retry-After delay"
        case 503: return "Service temporarily unavailable (injected fault)"
        case FaultAction.overloadedStatus: return "The model is overloaded (injected fault); try again later"
        default: return "Injected fault: status \(status)"
        }
    }

    private static func editBody(_ response: HTTPResponse, action: FaultAction) async -> HTTPResponse {
        var edited = response
        switch response.body {
        case .resetConnection:
            break
        case .stepped(let body):
            edited.body = .stepped(SteppedStreamFaults(body, action: action))
        case .stream(let body), .writerPacedStream(let body):
            edited.body = response.body.replacingStreamBody(
                with: StreamFaultWriter.wrap(body, action: action))
        case .bytes(let bytes):
            // A whole body has no events: a cut or a malformed body keeps its first half,
            // a stall delays the answer, and `error_after` leaves it alone (an error answer
            // of the API, say, reaches the client as it is).
            if let stall = action.stallMilliseconds {
                try? await Task.sleep(for: .milliseconds(stall))
            }
            let half = Array(bytes.prefix(bytes.count / 2))
            if let cut = action.cutAfterEvents {
                edited.body = .writerPacedStream { writer in
                    try await writer.write(half)
                    throw InjectedStreamCut(afterEvents: cut)
                }
            } else if action.malformedAfterEvents != nil {
                edited.body = .bytes(half)
            }
        }
        return edited
    }
}
