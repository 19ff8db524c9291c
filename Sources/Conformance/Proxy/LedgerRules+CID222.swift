import JSONSchema

extension LedgerRules {
    /// CID222: token usage cumulative and never decreasing, turns stored as streamed, the
    /// history never shortened, `updated_at` moved by a turn.
    static func judgeCID222(
        _ sighting: SessionSighting, of session: inout TrackedSession, in exchange: LedgerExchange,
        into verdicts: inout VerdictList
    ) {
        switch sighting.kind {
        case .turn:
            guard let turn = exchange.streamedTurn, turn.completed else { return }
            session.remember(
                CompletedTurn(
                    started: exchange.started, finished: exchange.finished,
                    userContent: exchange.requestBody?["content"]?.stringValue, reply: turn.reply, replyID: nil))
        case .created, .listed, .read:
            guard let body = sighting.session else { return }
            if sighting.kind == .created {
                session.createdAt = body["created_at"]?.stringValue
                session.history = exchange.sighting(0)
            }
            judgeTokens(body, of: &session, in: exchange, into: &verdicts)
            if sighting.kind == .read { judgeHistory(body, of: &session, in: exchange, into: &verdicts) }
            judgeTurnMovesUpdatedAt(body, of: &session, in: exchange, into: &verdicts)
        case .deleted, .patched, .chat:
            break
        }
    }

    /// Completed turns that ran wholly between two sightings (so the later one must show them).
    static func turns(of session: TrackedSession, after earlier: Int, before exchange: LedgerExchange) -> [CompletedTurn]
    {
        session.turns.filter { $0.started > earlier && $0.finished < exchange.started }
    }

    private static func judgeTokens(
        _ body: JSONValue, of session: inout TrackedSession, in exchange: LedgerExchange,
        into verdicts: inout VerdictList
    ) {
        guard let tokens = body["token_usage"]?["total_tokens"]?.doubleValue else { return }
        let cost = body["token_usage"]?["total_cost"]?.doubleValue
        if let previous = session.tokens, previous.precedes(exchange) {
            verdicts.check(
                "CID-TOKENS-NON-DECREASING", tokens >= previous.value,
                expected: "total_tokens at least \(previous.value), as an earlier answer showed",
                actual: "\(tokens)")
            if !turns(of: session, after: previous.finished, before: exchange).isEmpty {
                verdicts.check(
                    "CID-TOKENS-CUMULATIVE", tokens > previous.value,
                    expected: "total_tokens above \(previous.value) after a completed turn", actual: "\(tokens)")
            }
        }
        if let cost, let previous = session.cost, previous.precedes(exchange) {
            verdicts.check(
                "CID-TOKENS-NON-DECREASING", cost >= previous.value,
                expected: "total_cost at least \(previous.value), as an earlier answer showed", actual: "\(cost)")
        }
        if session.tokens.map({ exchange.finished > $0.finished }) ?? true { session.tokens = exchange.sighting(tokens) }
        if let cost, session.cost.map({ exchange.finished > $0.finished }) ?? true {
            session.cost = exchange.sighting(cost)
        }
    }

    /// GET shows every message: never fewer than an earlier GET, and every turn that
    /// completed before it began, with the reply its deltas streamed.
    private static func judgeHistory(
        _ body: JSONValue, of session: inout TrackedSession, in exchange: LedgerExchange,
        into verdicts: inout VerdictList
    ) {
        guard let context = messages(body, api: .cid222) else { return }
        if let previous = session.history, previous.precedes(exchange) {
            // Each turn that ran wholly in between adds its user message and its reply.
            let added = 2 * turns(of: session, after: previous.finished, before: exchange).count
            verdicts.check(
                "CID-CONTEXT-FULL-HISTORY", context.count >= previous.value + added,
                expected: "at least \(previous.value + added) messages (\(previous.value) shown before, "
                    + "\(added / 2) turns since)", actual: "\(context.count)")
        }
        for turn in session.turns where turn.finished < exchange.started {
            let (stored, replyMatches) = find(turn, in: context)
            verdicts.check(
                "CID-SEND-STORES-TURN", stored, expected: "the completed turn's user message and reply in context",
                actual: "not found among \(context.count) messages")
            if stored, !turn.reply.isEmpty {
                verdicts.check(
                    "CID-STREAM-DELTAS-JOIN", replyMatches, expected: "the joined deltas as the assistant message",
                    actual: "a different assistant message after the user message")
            }
        }
        if session.history.map({ exchange.finished > $0.finished }) ?? true {
            session.history = exchange.sighting(context.count)
        }
    }

    /// A completed turn moves `updated_at` forward; nothing moves it back.
    private static func judgeTurnMovesUpdatedAt(
        _ body: JSONValue, of session: inout TrackedSession, in exchange: LedgerExchange,
        into verdicts: inout VerdictList
    ) {
        guard let updated = body["updated_at"]?.stringValue else { return }
        if let previous = session.updatedAt, previous.precedes(exchange),
            let old = Instant.parse(previous.value), let new = Instant.parse(updated)
        {
            if new < old {
                verdicts.fail(
                    "CID-GET-UPDATED-AT", expected: "updated_at not before \(previous.value), as shown earlier",
                    actual: updated)
            } else if !turns(of: session, after: previous.finished, before: exchange).isEmpty,
                let moved = movedForward(from: previous, to: updated, at: exchange)
            {
                verdicts.check(
                    "CID-GET-UPDATED-AT", moved, expected: "updated_at after \(previous.value) once a turn was added",
                    actual: updated)
            }
        }
        if session.updatedAt.map({ exchange.finished > $0.finished }) ?? true {
            session.updatedAt = exchange.sighting(updated)
        }
    }
}
