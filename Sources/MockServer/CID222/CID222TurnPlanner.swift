import SessionsAPI

/// A whole turn, computed before the first byte is written.
struct CID222PlannedTurn: Sendable {
    /// Every event up to and including `message_stop`, framed.
    var events: [[UInt8]]
    /// Which of `events` are reply deltas (the streaming profile paces those).
    var deltaIndices: Set<Int>
    /// What to store once the client has the events; nil when nothing is stored
    /// (`input_rejected`).
    var commit: CID222TurnCommit?
}

/// Builds a turn: PII filter, blocklist, context window, reply, usage, events.
enum CID222TurnPlanner {
    /// Words per `content_block_delta`.
    static let wordsPerDelta = 3

    static func plan(
        request: CID222MessageRequest, session: CID222SessionRecord, seed: UInt64, blocklist: [String],
        replyShape: ReplyShape = ReplyShape(), scripted takeScripted: () -> ScriptedReply? = { nil }
    ) throws(CID222Failure) -> CID222PlannedTurn {
        let findings = PIIFilter.findings(in: request.content)
        var warnings = findings.map(PIIFilter.warning)
        if request.imageBase64 != nil { warnings.append(PIIFilter.imageWarning) }
        var events = warnings.map(SSEFraming.event)

        if blockedTerm(in: request.content, blocklist: blocklist) != nil {
            events.append(
                SSEFraming.event(
                    CID222InputRejected(
                        message: "The message was rejected by the content policy and not sent to the model")))
            events.append(SSEFraming.event(CID222MessageStop(stopReason: "input_rejected")))
            return CID222PlannedTurn(events: events, deltaIndices: [], commit: nil)
        }

        let masked = PIIFilter.mask(request.content, findings)
        let model = request.model
        // Up to date after every commit, so this covers no message or only the last turn's.
        let history = session.history.covering(session.messages, sessionID: session.id)
        let window: CID222ContextPlan
        switch CID222ContextPlanner.plan(
            history: session.messages, summary: session.summary, summarizedCount: session.summarizedCount,
            newMessage: masked, limit: model.contextLimit,
            keptTokens: history.tokens(from: min(max(session.summarizedCount, 0), session.messages.count)))
        {
        case .success(let plan): window = plan
        case .failure(.messageTooLarge(let needed, let limit)):
            throw .badRequest(
                "The message needs \(needed) tokens of context but \(model.id) holds \(limit); shorten it or use a larger model",
                field: "content")
        }

        let newMessage = CID222ContextMessage(role: "user", content: masked)
        // Taken only now that the turn is certain, so a blocked or oversized message does not
        // use up one of the scripted reply's `times`.
        let scripted = takeScripted()
        // A scripted reply (`POST /__admin/replies`) replaces the generated text; its extra
        // events are sent after the filter warnings.
        let reply =
            scripted.map { CID222ReplyGenerator.capped($0.reply, maxTokens: request.maxTokens) }
            ?? CID222ReplyGenerator.reply(
                seed: seed,
                transcript: CID222ReplyGenerator.transcript(history.transcript, adding: newMessage),
                messageCount: session.messages.count + 1, lastMessage: masked,
                options: CID222ReplyOptions(maxTokens: request.maxTokens, shape: replyShape))
        events += (scripted?.events ?? []).map { SSEFraming.data(Array($0.utf8)) }
        var deltaIndices: Set<Int> = []
        for piece in deltaPieces(reply.text) {
            deltaIndices.insert(events.count)
            events.append(SSEFraming.delta(piece))
        }

        let inputTokens = window.contextTokens
        let outputTokens = TokenCounter.count(reply.text)
        let costMicros = model.costMicros(inputTokens: inputTokens, outputTokens: outputTokens)
        let usage = CID222ContextUsage(
            contextTokens: window.contextTokens, contextLimit: model.contextLimit,
            summarized: window.summarizedCount > 0, summarizedMessages: window.summarizedCount,
            usage: CID222TurnUsage(
                inputTokens: inputTokens, outputTokens: outputTokens, totalTokens: inputTokens + outputTokens,
                cost: CID222Model.dollars(micros: costMicros)),
            sessionUsage: CID222TokenUsage(
                totalTokens: session.totalTokens + inputTokens + outputTokens,
                totalCost: CID222Model.dollars(micros: session.totalCostMicros + costMicros)))
        events.append(SSEFraming.event(usage))
        events.append(SSEFraming.event(CID222MessageStop(stopReason: reply.stopReason)))

        let commit = CID222TurnCommit(
            expectedMessageCount: session.messages.count, userMessage: masked, assistantMessage: reply.text,
            summary: window.summary, summarizedCount: window.summarizedCount,
            tokens: inputTokens + outputTokens,
            costMicros: costMicros)
        return CID222PlannedTurn(events: events, deltaIndices: deltaIndices, commit: commit)
    }

    /// The first blocklist term the text contains, compared case-insensitively; empty terms
    /// never match.
    static func blockedTerm(in text: String, blocklist: [String]) -> String? {
        let lowered = text.lowercased()
        return blocklist.first { !$0.isEmpty && lowered.contains($0.lowercased()) }
    }

    /// The reply in pieces of a few words; each piece keeps the spaces that follow its words,
    /// so the pieces joined are the reply exactly. Never empty: an empty reply is one piece.
    static func deltaPieces(_ text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var words = 0
        var inWord = false
        for character in text {
            let isSpace = character == " "
            if !isSpace && !inWord {
                if words == wordsPerDelta {
                    pieces.append(current)
                    current = ""
                    words = 0
                }
                words += 1
            }
            inWord = !isSpace
            current.append(character)
        }
        if !current.isEmpty || pieces.isEmpty { pieces.append(current) }
        return pieces
    }
}
