import SessionsAPI

/// What a chat turn's reply is computed from, read under the user's lock so the reply can be
/// composed outside it: composing is most of a turn, and every client of one key used to wait
/// for it. The turn is then committed only if the session still ends where it was read.
struct KonnectTurnBasis: Sendable {
    var sessionID: String
    /// A session this turn creates, not one read from the store.
    var isNew: Bool
    var mode: KonnectMode
    /// The conversation's digest through the user's new message.
    var digest: MixAccumulator
    /// The session's messages when it was read, and the id of its last one: a turn that
    /// commits finds both unchanged, or another turn came in between.
    var messageCount: Int
    var lastMessageID: String?

    /// A turn that creates its session: nothing to read, so nothing can change under it.
    /// Draws the session id.
    static func newSession(_ turn: KonnectTurn, sources: KonnectTurnSources) -> KonnectTurnBasis {
        let id = sources.ids.prefixed("sess_")
        let mode = turn.mode ?? .default
        var digest = KonnectReplyGenerator.conversationStart(seed: sources.seed, sessionID: id, mode: mode)
        KonnectReplyGenerator.add(role: "user", content: turn.message, to: &digest)
        return KonnectTurnBasis(
            sessionID: id, isNew: true, mode: mode, digest: digest, messageCount: 0, lastMessageID: nil)
    }

    /// The reply, from the scripted text when one was taken for this turn, else composed.
    func reply(to turn: KonnectTurn, scripted: String?, shape: ReplyShape) -> KonnectReply {
        KonnectReplyGenerator.reply(
            digest: digest, lastMessage: turn.message,
            options: KonnectReplyOptions(mode: mode, scriptedText: scripted, shape: shape))
    }
}

/// How committing a turn went.
enum KonnectTurnCommit: Sendable {
    case committed(KonnectChatMessage)
    /// The session is gone (deleted, reset or replaced meanwhile).
    case missing
    /// Another turn was appended since the basis was read: compose again.
    case raced
}

extension KonnectUserSessions {
    /// The basis of a turn into an existing session, or nil when it does not exist. Reads
    /// only: the digest cache it extends is its own lock's business.
    func basis(for turn: KonnectTurn, seed: UInt64) -> KonnectTurnBasis? {
        guard let id = turn.sessionID, let record = sessions[id] else { return nil }
        let mode = turn.mode ?? record.mode
        var digest = record.replyDigest.through(record.messages, seed: seed, sessionID: id, mode: mode)
        KonnectReplyGenerator.add(role: "user", content: turn.message, to: &digest)
        return KonnectTurnBasis(
            sessionID: id, isNew: false, mode: mode, digest: digest, messageCount: record.messages.count,
            lastMessageID: record.messages.last?.id)
    }

    /// Appends the user's message and the reply together, if the session still ends where
    /// `basis` read it. Draws, in order, the user message's id and the reply's id, and reads
    /// the clock once for the reply (the session's `updated_at`); `askedAt` was read before
    /// the reply was composed. Nothing is drawn or changed unless the turn commits.
    mutating func commit(
        _ turn: KonnectTurn, basis: KonnectTurnBasis, reply: KonnectReply, askedAt: Int64,
        sources: KonnectTurnSources
    ) -> KonnectTurnCommit {
        var record: KonnectSessionRecord
        if basis.isNew {
            record = KonnectSessionRecord(
                id: basis.sessionID, title: KonnectTitle.from(firstMessage: turn.message), mode: basis.mode,
                createdAt: askedAt, updatedAt: 0, sequence: nextSequence, messages: [])
            nextSequence += 1
        } else {
            // Taken out while it changes, so appending does not copy its messages.
            guard let existing = removeSession(basis.sessionID) else { return .missing }
            guard existing.messages.count == basis.messageCount,
                existing.messages.last?.id == basis.lastMessageID
            else {
                restoreSession(existing)
                return .raced
            }
            record = existing
        }
        let userID = sources.ids.prefixed("msg_")
        record.messages.append(
            KonnectMessage(
                id: userID, role: "user", content: turn.message, createdAt: Timestamp.format(askedAt)))
        let replyID = sources.ids.prefixed("msg_")
        let answeredAt = sources.clock.now()
        let assistant = KonnectMessage(
            id: replyID, role: "assistant", content: reply.content, createdAt: Timestamp.format(answeredAt),
            modelsUsed: reply.modelsUsed)
        record.messages.append(assistant)
        record.updatedAt = max(answeredAt, record.updatedAt)
        if basis.isNew { insertSession(record) } else { restoreSession(record) }
        return .committed(
            KonnectChatMessage(message: assistant, sessionID: record.id, mode: basis.mode.rawValue))
    }
}
