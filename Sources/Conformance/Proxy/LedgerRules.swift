import JSONSchema

/// What one exchange showed about one session.
struct SessionSighting: Sendable {
    enum Kind: Sendable, Equatable {
        case created, listed, read, patched, deleted, turn, chat
    }

    var kind: Kind
    /// The session object as that answer showed it (list entry, GET body, …), when it did.
    var session: JSONValue?
}

/// The rules `CrossExchangeLedger` applies, one sighting at a time, under its lock.
enum LedgerRules {
    /// The sessions an exchange showed or addressed, by ledger key.
    static func sessionsShown(by exchange: LedgerExchange) -> [(String, APIKind, SessionSighting)] {
        let body = exchange.body
        func one(_ api: APIKind, _ id: String, _ kind: SessionSighting.Kind, _ session: JSONValue? = nil)
            -> [(String, APIKind, SessionSighting)]
        {
            [(CrossExchangeLedger.key(api, id), api, SessionSighting(kind: kind, session: session))]
        }
        switch exchange.operation {
        case .cidCreate:
            guard exchange.succeeded, let id = body?["id"]?.stringValue else { return [] }
            return one(.cid222, id, .created, body)
        case .cidList, .konnectList:
            guard exchange.succeeded, let body else { return [] }
            let api: APIKind = exchange.operation == .cidList ? .cid222 : .konnect
            let items = api == .cid222 ? ListShapes.cidItems(body) ?? [] : body["data"]?.arrayValue ?? []
            return items.compactMap { item in
                item["id"]?.stringValue.map {
                    (CrossExchangeLedger.key(api, $0), api, SessionSighting(kind: .listed, session: item))
                }
            }
        case .cidGet(let id): return one(.cid222, id, .read, exchange.succeeded ? body : nil)
        case .konnectGet(let id): return one(.konnect, id, .read, exchange.succeeded ? body : nil)
        case .cidDelete(let id): return one(.cid222, id, .deleted)
        case .konnectDelete(let id): return one(.konnect, id, .deleted)
        case .cidSend(let id): return one(.cid222, id, .turn)
        case .konnectPatch(let id): return one(.konnect, id, .patched, exchange.succeeded ? body : nil)
        case .konnectChat:
            let asked = exchange.requestBody?["session_id"]?.stringValue
            guard let id = (exchange.succeeded ? body?["session_id"]?.stringValue : nil) ?? asked else {
                return []
            }
            return one(.konnect, id, .chat, exchange.succeeded ? body : nil)
        case .unknown:
            return []
        }
    }

    /// Judges one sighting of `session` and remembers what it showed.
    static func judge(
        _ sighting: SessionSighting, of session: inout TrackedSession, in exchange: LedgerExchange,
        into verdicts: inout VerdictList
    ) {
        let ids = RuleIDs(session.api)
        guard exchange.succeeded else {
            judgeRefusal(sighting, of: session, in: exchange, ids: ids, into: &verdicts)
            return
        }
        judgeVisibility(sighting, of: &session, in: exchange, ids: ids, into: &verdicts)
        switch session.api {
        case .cid222: judgeCID222(sighting, of: &session, in: exchange, into: &verdicts)
        case .konnect: judgeKonnect(sighting, of: &session, in: exchange, into: &verdicts)
        }
        if sighting.kind == .deleted {
            session.deletedAt = session.deletedAt ?? exchange.finished
        }
    }

    /// A session of one identity must stay invisible to every other, and a deleted one must
    /// stay gone.
    private static func judgeVisibility(
        _ sighting: SessionSighting, of session: inout TrackedSession, in exchange: LedgerExchange,
        ids: RuleIDs,
        into verdicts: inout VerdictList
    ) {
        let listed = sighting.kind == .listed
        if let identity = exchange.identity {
            if let owner = session.owner {
                if listed {
                    verdicts.check(
                        ids.listScope, owner == identity, expected: "only the caller's own sessions",
                        actual: "a session first seen under another credential")
                } else if owner != identity {
                    verdicts.fail(
                        ids.otherHidden, expected: "a 4xx for a session of another credential",
                        actual: "status \(exchange.status)")
                }
            } else {
                session.owner = identity
            }
        }
        if let deleted = session.deletedAt, deleted < exchange.started {
            verdicts.fail(
                listed ? ids.deleteUnlisted : ids.deleteRemoves, expected: "the deleted session gone",
                actual: listed ? "listed again" : "status \(exchange.status) after its delete")
        }
    }

    /// A refused request on a session that is deleted, or another identity's.
    private static func judgeRefusal(
        _ sighting: SessionSighting, of session: TrackedSession, in exchange: LedgerExchange, ids: RuleIDs,
        into verdicts: inout VerdictList
    ) {
        // A 401 refused the credential itself, so it says nothing about the session.
        guard (400..<500).contains(exchange.status), exchange.status != 401, sighting.kind != .listed else {
            return
        }
        if let deleted = session.deletedAt, deleted < exchange.started {
            verdicts.pass(ids.deleteRemoves)
            verdicts.check(
                ids.deleteThen404, [404, 410].contains(exchange.status),
                expected: "404 or 410 after the delete",
                actual: "\(exchange.status)")
        } else if let owner = session.owner, let identity = exchange.identity, owner != identity {
            verdicts.pass(ids.otherHidden)
            verdicts.check(
                ids.other404, exchange.status == 404, expected: "404, as for an unknown id",
                actual: "\(exchange.status)")
        }
    }

    /// Whether `later` moved on from `earlier`. Equal whole-second times less than a second of
    /// wall time apart prove nothing (nil): the clock may not have ticked.
    static func movedForward(from earlier: Sighting<String>, to later: String, at exchange: LedgerExchange)
        -> Bool?
    {
        guard let old = Instant.parse(earlier.value), let new = Instant.parse(later) else { return nil }
        if new > old { return true }
        if new < old { return false }
        let wholeSeconds = !earlier.value.contains(".") && !later.contains(".")
        return wholeSeconds && exchange.wallStarted - earlier.wall < 1.0 ? nil : false
    }

    /// The messages of a session answer (`context` in CID222, `messages` in Konnect).
    static func messages(_ session: JSONValue?, api: APIKind) -> [JSONValue]? {
        session?[api == .cid222 ? "context" : "messages"]?.arrayValue
    }

    /// Whether `messages` shows `turn`: an assistant message with its reply right after a
    /// user message, or at least its user message answered (`replyMatches` then false).
    static func find(_ turn: CompletedTurn, in messages: [JSONValue]) -> (stored: Bool, replyMatches: Bool) {
        for (index, message) in messages.enumerated().dropFirst()
        where message["role"]?.stringValue == "assistant" {
            let follows = messages[index - 1]["role"]?.stringValue == "user"
            let sameReply = message["content"]?.stringValue == turn.reply
            let sameID = turn.replyID.map { message["id"]?.stringValue == $0 } ?? true
            if follows, sameReply, sameID { return (true, true) }
        }
        guard let content = turn.userContent else { return (false, false) }
        for (index, message) in messages.enumerated().dropLast()
        where message["role"]?.stringValue == "user" && message["content"]?.stringValue == content {
            if messages[index + 1]["role"]?.stringValue == "assistant" { return (true, false) }
        }
        return (false, false)
    }
}

/// The requirement ids that differ between the two APIs only by name.
struct RuleIDs {
    var listScope, otherHidden, other404, deleteRemoves, deleteUnlisted, deleteThen404: String

    init(_ api: APIKind) {
        switch api {
        case .cid222:
            (listScope, otherHidden, other404) = (
                "CID-LIST-TENANT-SCOPE", "CID-AUTH-OTHER-TENANT-HIDDEN", "CID-AUTH-OTHER-TENANT-404"
            )
            (deleteRemoves, deleteUnlisted, deleteThen404) = (
                "CID-DELETE-REMOVES", "CID-DELETE-UNLISTED", "CID-DELETE-THEN-404"
            )
        case .konnect:
            (listScope, otherHidden, other404) = (
                "KON-LIST-USER-SCOPE", "KON-AUTH-OTHER-USER-HIDDEN", "KON-AUTH-OTHER-USER-404"
            )
            (deleteRemoves, deleteUnlisted, deleteThen404) = (
                "KON-DELETE-REMOVES", "KON-DELETE-UNLISTED", "KON-DELETE-THEN-404"
            )
        }
    }
}
