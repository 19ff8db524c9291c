import HTTPServer
import SessionsAPI

/// The chat endpoint, which creates and continues sessions.
extension KonnectEndpoints {
    /// `POST /v1/chat` with `{message, session_id?, mode?}`; other fields are ignored.
    func chat(_ request: HTTPRequest, _ caller: KonnectCaller) throws(KonnectAPIError) -> HTTPResponse {
        let body = try KonnectJSONBody.read(request)
        // The contract asks only for a non-empty string: whitespace is a message too.
        let message = try body.requiredString("message", allowBlank: true)
        let sessionID = try body.optionalString("session_id")
        var mode: KonnectMode?
        if let text = try body.optionalString("mode") {
            guard let known = KonnectMode(rawValue: text) else {
                let modes = KonnectMode.allCases.map(\.rawValue).joined(separator: ", ")
                throw .badRequest("'mode' must be one of \(modes)", param: "mode")
            }
            mode = known
        }
        let limit = environment.options.limits.maxSessionsPerNamespace
        // Checked before the turn's lock, so concurrent creators may pass it by a few: the
        // cap bounds memory, it is not a quota.
        if sessionID == nil, environment.konnect.sessionCount(namespace: caller.namespace) >= limit {
            throw KonnectAPIError(
                status: 507,
                message:
                    "This namespace holds its limit of \(limit) sessions; delete some or raise --max-sessions-per-namespace"
            )
        }
        let turn = KonnectTurn(message: message, sessionID: sessionID, mode: mode)
        let sources = KonnectTurnSources(
            ids: environment.ids, clock: environment.clock, seed: environment.options.seed,
            replyShape: environment.options.replyShape, replies: environment.replies,
            namespace: caller.namespace,
            scriptedCandidate: environment.replies.candidate(
                api: .konnect, namespace: caller.namespace, message: message))
        guard let reply = environment.konnect.update(caller, { $0.chat(turn, sources: sources) }) else {
            throw .sessionNotFound(sessionID ?? "", param: "session_id")
        }
        return KonnectResponse.ok(reply)
    }
}
