import JSONSchema

extension LedgerRules {
    /// Konnect: `message_count` equal to the messages GET shows, turns stored, PATCH moving
    /// `updated_at` and keeping `created_at`, `message_count` and its new title.
    static func judgeKonnect(
        _ sighting: SessionSighting, of session: inout TrackedSession, in exchange: LedgerExchange,
        into verdicts: inout VerdictList
    ) {
        switch sighting.kind {
        case .chat:
            judgeChat(of: &session, in: exchange, into: &verdicts)
        case .listed, .read, .patched:
            guard let body = sighting.session else { return }
            if sighting.kind == .patched { judgePatch(body, of: &session, in: exchange, into: &verdicts) }
            judgeCounts(body, kind: sighting.kind, of: &session, in: exchange, into: &verdicts)
            if sighting.kind != .patched { judgeTitleKept(body, of: session, in: exchange, into: &verdicts) }
            if sighting.kind == .read { judgeStoredTurns(body, of: session, in: exchange, into: &verdicts) }
            judgeUpdatedAtKept(
                body, of: &session, in: exchange, fromPatch: sighting.kind == .patched, into: &verdicts)
            if session.createdAt == nil { session.createdAt = body["created_at"]?.stringValue }
        case .created, .deleted, .turn:
            break
        }
    }

    private static func judgeChat(
        of session: inout TrackedSession, in exchange: LedgerExchange, into verdicts: inout VerdictList
    ) {
        guard let body = exchange.body else { return }
        if let asked = exchange.requestBody?["session_id"]?.stringValue {
            let answered = body["session_id"]?.stringValue
            verdicts.check(
                "KON-CHAT-CONTINUE", answered == nil || answered == asked,
                expected: "the chat answered in session \(asked)", actual: "session_id \(answered ?? "none")")
        }
        guard let reply = body["content"]?.stringValue else { return }
        session.remember(
            CompletedTurn(
                started: exchange.started, finished: exchange.finished,
                userContent: exchange.requestBody?["message"]?.stringValue, reply: reply,
                replyID: body["id"]?.stringValue))
    }

    /// `message_count` (list entries, PATCH answers) against the messages a GET showed, when
    /// no chat turn of the session overlapped either answer.
    private static func judgeCounts(
        _ body: JSONValue, kind: SessionSighting.Kind, of session: inout TrackedSession,
        in exchange: LedgerExchange,
        into verdicts: inout VerdictList
    ) {
        if kind == .read {
            guard let messages = messages(body, api: .konnect) else { return }
            if let previous = session.history.latest(before: exchange.started) {
                verdicts.check(
                    "KON-GET-MESSAGES", messages.count >= previous.value,
                    expected: "at least the \(previous.value) messages an earlier GET showed",
                    actual: "\(messages.count)")
            }
            if let listed = session.listedCount,
                session.turnActivity.quiet(since: min(listed.started, exchange.started))
            {
                verdicts.check(
                    "KON-LIST-MESSAGE-COUNT", listed.value == messages.count,
                    expected:
                        "message_count \(listed.value) (as listed) equal to the \(messages.count) messages",
                    actual: "\(messages.count) messages")
            }
            session.history.append(exchange.sighting(messages.count))
            return
        }
        guard let count = body["message_count"]?.intValue else { return }
        if let read = session.history.latest,
            session.turnActivity.quiet(since: min(read.started, exchange.started))
        {
            verdicts.check(
                "KON-LIST-MESSAGE-COUNT", count == read.value,
                expected: "message_count \(read.value), the messages GET shows", actual: "\(count)")
        }
        // Compared with the previous PATCH answer only: a wrong list or GET is their own
        // requirement's deviation, not this one's.
        if kind == .patched, let earlier = session.patchedCount,
            session.turnActivity.quiet(since: min(earlier.started, exchange.started))
        {
            verdicts.check(
                "KON-PATCH-MESSAGE-COUNT-UNCHANGED", count == earlier.value,
                expected: "message_count \(earlier.value), as the previous PATCH answered", actual: "\(count)"
            )
        }
        if kind == .patched { session.patchedCount = exchange.sighting(count) }
        session.listedCount = exchange.sighting(count)
    }

    private static func judgePatch(
        _ body: JSONValue, of session: inout TrackedSession, in exchange: LedgerExchange,
        into verdicts: inout VerdictList
    ) {
        if let asked = exchange.requestBody?["title"]?.stringValue {
            let title = body["title"]?.stringValue
            verdicts.check(
                "KON-PATCH-TITLE", title == asked, expected: "title \"\(asked)\"",
                actual: "\(title ?? "none")")
            session.patchedTitle = exchange.sighting(asked)
        }
        if let created = session.createdAt, let shown = body["created_at"]?.stringValue {
            verdicts.check(
                "KON-PATCH-CREATED-AT-UNCHANGED", Instant.parse(created) == Instant.parse(shown),
                expected: "created_at \(created)", actual: shown)
        }
        if let previous = session.updatedAt, previous.precedes(exchange),
            let updated = body["updated_at"]?.stringValue,
            let moved = movedForward(from: previous, to: updated, at: exchange)
        {
            verdicts.check(
                "KON-PATCH-UPDATED-AT", moved, expected: "updated_at after \(previous.value)", actual: updated
            )
        }
    }

    /// A read after a PATCH (and no other rename since) shows the new title.
    private static func judgeTitleKept(
        _ body: JSONValue, of session: TrackedSession, in exchange: LedgerExchange,
        into verdicts: inout VerdictList
    ) {
        guard let patched = session.patchedTitle, patched.precedes(exchange),
            session.patchActivity.quiet(since: patched.finished + 1), let title = body["title"]?.stringValue
        else { return }
        verdicts.check(
            "KON-PATCH-PERSISTS", title == patched.value, expected: "title \"\(patched.value)\" as renamed",
            actual: title)
    }

    /// Every chat turn that finished before this GET began is among its messages.
    private static func judgeStoredTurns(
        _ body: JSONValue, of session: TrackedSession, in exchange: LedgerExchange,
        into verdicts: inout VerdictList
    ) {
        guard let messages = messages(body, api: .konnect) else { return }
        for turn in session.turns where turn.finished < exchange.started {
            let (stored, replyMatches) = find(turn, in: messages)
            verdicts.check(
                "KON-GET-MESSAGES", stored, expected: "the chat turn's message and reply among the messages",
                actual: "not found among \(messages.count) messages")
            if stored {
                verdicts.check(
                    "KON-CHAT-REPLY-STORED", replyMatches,
                    expected: "the chat answer's id and content stored",
                    actual: "a different assistant message")
            }
        }
    }

    /// `updated_at` a PATCH answered is never undone by a later read.
    private static func judgeUpdatedAtKept(
        _ body: JSONValue, of session: inout TrackedSession, in exchange: LedgerExchange, fromPatch: Bool,
        into verdicts: inout VerdictList
    ) {
        guard let updated = body["updated_at"]?.stringValue else { return }
        if !fromPatch, session.updatedAtFromPatch, let previous = session.updatedAt,
            previous.precedes(exchange),
            let old = Instant.parse(previous.value), let new = Instant.parse(updated)
        {
            verdicts.check(
                "KON-PATCH-UPDATED-AT", new >= old,
                expected: "updated_at at least \(previous.value), as PATCH answered",
                actual: updated)
        }
        if session.updatedAt.map({ exchange.finished > $0.finished }) ?? true {
            session.updatedAt = exchange.sighting(updated)
            session.updatedAtFromPatch = fromPatch
        }
    }
}
