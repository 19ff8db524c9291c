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
                    userContent: exchange.requestBody?["content"]?.stringValue, reply: turn.reply,
                    replyID: nil))
        case .created, .listed, .read:
            guard let body = sighting.session else { return }
            if sighting.kind == .created {
                session.createdAt = body["created_at"]?.stringValue
                session.history.append(exchange.sighting(0))
            }
            judgeTokens(body, of: &session, in: exchange, into: &verdicts)
            if sighting.kind == .read { judgeHistory(body, of: &session, in: exchange, into: &verdicts) }
            judgeTurnMovesUpdatedAt(body, of: &session, in: exchange, into: &verdicts)
        case .deleted, .patched, .chat:
            break
        }
    }

    /// Completed turns that ran wholly between two sightings (so the later one must show them).
    static func turns(of session: TrackedSession, after earlier: Int, before exchange: LedgerExchange)
        -> [CompletedTurn]
    {
        session.turns.filter { $0.started > earlier && $0.finished < exchange.started }
    }

    private static func judgeTokens(
        _ body: JSONValue, of session: inout TrackedSession, in exchange: LedgerExchange,
        into verdicts: inout VerdictList
    ) {
        guard let tokens = body["token_usage"]?["total_tokens"]?.doubleValue else { return }
        let cost = body["token_usage"]?["total_cost"]?.doubleValue
        if let previous = session.tokens.latest(before: exchange.started) {
            verdicts.check(
                "CID-TOKENS-NON-DECREASING", tokens >= previous.value,
                expected: "total_tokens at least \(previous.value), as an earlier answer showed",
                actual: "\(tokens)")
        }
        // Each turn completed before this answer began is measured against the tokens shown
        // before that turn began.
        for turn in session.turns where turn.finished < exchange.started {
            guard let baseline = session.tokens.latest(before: turn.started) else { continue }
            verdicts.check(
                "CID-TOKENS-CUMULATIVE", tokens > baseline.value,
                expected: "total_tokens above \(baseline.value) after a completed turn", actual: "\(tokens)")
        }
        if let cost, let previous = session.cost.latest(before: exchange.started) {
            verdicts.check(
                "CID-TOKENS-NON-DECREASING", cost >= previous.value,
                expected: "total_cost at least \(previous.value), as an earlier answer showed",
                actual: "\(cost)")
        }
        session.tokens.append(exchange.sighting(tokens))
        if let cost { session.cost.append(exchange.sighting(cost)) }
    }

    /// GET shows every message: never fewer than an earlier GET plus the turns completed
    /// since, and every turn that completed before it began, with the reply its deltas
    /// streamed.
    private static func judgeHistory(
        _ body: JSONValue, of session: inout TrackedSession, in exchange: LedgerExchange,
        into verdicts: inout VerdictList
    ) {
        guard let context = messages(body, api: .cid222) else { return }
        // Measured from each earlier read: the one just before this, and the one before
        // each turn began (a read overlapping a turn proves nothing about it). Each turn that
        // ran wholly after such a read adds its user message and its reply.
        var baselines = session.history.latest(before: exchange.started).map { [$0] } ?? []
        for turn in session.turns where turn.finished < exchange.started {
            if let before = session.history.latest(before: turn.started) { baselines.append(before) }
        }
        if let (required, shown, turnCount) = baselines.map({ baseline -> (Int, Int, Int) in
            let added = turns(of: session, after: baseline.finished, before: exchange).count
            return (baseline.value + 2 * added, baseline.value, added)
        }).max(by: { $0.0 < $1.0 }) {
            verdicts.check(
                "CID-CONTEXT-FULL-HISTORY", context.count >= required,
                expected: "at least \(required) messages (\(shown) shown before, \(turnCount) turns since)",
                actual: "\(context.count)")
        }
        for turn in session.turns where turn.finished < exchange.started {
            let (stored, replyMatches) = find(turn, in: context)
            verdicts.check(
                "CID-SEND-STORES-TURN", stored,
                expected: "the completed turn's user message and reply in context",
                actual: "not found among \(context.count) messages")
            if stored, !turn.reply.isEmpty {
                verdicts.check(
                    "CID-STREAM-DELTAS-JOIN", replyMatches,
                    expected: "the joined deltas as the assistant message",
                    actual: "a different assistant message after the user message")
            }
        }
        session.history.append(exchange.sighting(context.count))
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
                    "CID-GET-UPDATED-AT",
                    expected: "updated_at not before \(previous.value), as shown earlier",
                    actual: updated)
            } else if !turns(of: session, after: previous.finished, before: exchange).isEmpty,
                let moved = movedForward(from: previous, to: updated, at: exchange)
            {
                verdicts.check(
                    "CID-GET-UPDATED-AT", moved,
                    expected: "updated_at after \(previous.value) once a turn was added",
                    actual: updated)
            }
        }
        if session.updatedAt.map({ exchange.finished > $0.finished }) ?? true {
            session.updatedAt = exchange.sighting(updated)
        }
    }
}
