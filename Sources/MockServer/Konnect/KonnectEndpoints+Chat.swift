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
        guard let reply = runTurn(turn, caller, sources) else {
            throw .sessionNotFound(sessionID ?? "", param: "session_id")
        }
        return .json(200, reply.wireJSON)
    }

    /// Tries this many times to compose outside the lock before composing under it.
    static let composeAttempts = 3

    /// The turn, its reply composed outside the user's lock: the basis is read under the
    /// lock, the reply composed without it, and the turn committed under it again if no
    /// other turn came into the session meanwhile. After `composeAttempts` races it runs
    /// whole under the lock, so a busy session still makes progress. A scripted reply is
    /// taken once, on the first basis.
    private func runTurn(_ turn: KonnectTurn, _ caller: KonnectCaller, _ sources: KonnectTurnSources)
        -> KonnectChatMessage?
    {
        let store = environment.konnect
        // nil until the first basis is read; then the reply taken for this turn, if any.
        var scripted: ScriptedReply??
        for _ in 0..<Self.composeAttempts {
            let basis: KonnectTurnBasis? =
                turn.sessionID == nil
                ? KonnectTurnBasis.newSession(turn, sources: sources)
                : store.read(caller) { $0.basis(for: turn, seed: sources.seed) }
            guard let basis else { return nil }
            let askedAt = sources.clock.now()
            // Used up by a concurrent turn since it was found: this turn gets the generated text.
            if scripted == nil {
                scripted = .some(sources.scriptedCandidate.flatMap { sources.replies.consume($0) })
            }
            let reply = basis.reply(to: turn, scripted: scripted??.reply, shape: sources.replyShape)
            let outcome = store.update(caller) {
                $0.commit(turn, basis: basis, reply: reply, askedAt: askedAt, sources: sources)
            }
            switch outcome {
            case .committed(let message): return message
            case .missing: return nil
            case .raced: continue
            }
        }
        return store.update(caller) { [scripted] in $0.chat(turn, sources: sources, taken: scripted) }
    }
}
