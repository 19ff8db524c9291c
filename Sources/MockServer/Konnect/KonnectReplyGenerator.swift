import SessionsAPI

/// What shapes a reply besides the conversation.
struct KonnectReplyOptions: Sendable, Equatable {
    /// The mode the turn runs in; it decides how many models answer.
    var mode: KonnectMode
    /// Text registered through `/__admin/replies` for this message; it replaces the
    /// generated words (the models are still drawn).
    var scriptedText: String? = nil
    /// Style and length of generated text (`--reply-style`, `--reply-words`).
    var shape = ReplyShape()
}

/// The assistant's side of a turn.
struct KonnectReply: Sendable, Equatable {
    var content: String
    var modelsUsed: [String]
}

/// The mock's fake model for Konnect. Every reply is a pure function of its inputs (the
/// contract's determinism rule), so the same seed and conversation always give the same
/// words and the same models. The words are readable sentences about the user's topic
/// (`ReplyComposer`); a scripted reply (`/__admin/replies`) replaces them.
enum KonnectReplyGenerator {
    /// - Parameters:
    ///   - seed: The mock's `--seed`.
    ///   - sessionID: The session the turn belongs to.
    ///   - conversation: Every message so far, ending with the user's new one. Only roles and
    ///     contents count: ids and timestamps do not change the reply.
    ///   - options: The turn's mode and any scripted text.
    static func reply(
        seed: UInt64, sessionID: String, conversation: [KonnectMessage], options: KonnectReplyOptions
    ) -> KonnectReply {
        var digest = conversationStart(seed: seed, sessionID: sessionID, mode: options.mode)
        for message in conversation { add(message, to: &digest) }
        return reply(digest: digest, lastMessage: conversation.last?.content ?? "", options: options)
    }

    /// What the digest of a conversation starts from, before its messages.
    static func conversationStart(seed: UInt64, sessionID: String, mode: KonnectMode) -> MixAccumulator {
        var digest = MixAccumulator()
        for part in [seed, SplitMix64.digest(sessionID), SplitMix64.digest(mode.rawValue)] {
            digest.add(part)
        }
        return digest
    }

    /// Adds a message to a conversation's digest: its role and content, nothing else.
    static func add(_ message: KonnectMessage, to digest: inout MixAccumulator) {
        add(role: message.role, content: message.content, to: &digest)
    }

    /// Adds a message not stored yet, from its role and content.
    static func add(role: String, content: String, to digest: inout MixAccumulator) {
        digest.add(SplitMix64.digest(role))
        digest.add(SplitMix64.digest(content))
    }

    /// The reply to a conversation given its digest (through the user's new message).
    static func reply(digest: MixAccumulator, lastMessage: String, options: KonnectReplyOptions)
        -> KonnectReply
    {
        var random = SplitMix64(seed: digest.value)
        let models = drawModels(for: options.mode, using: &random)
        if let scripted = options.scriptedText {
            return KonnectReply(content: scripted, modelsUsed: models)
        }
        let text = ReplyComposer.compose(message: lastMessage, shape: options.shape, using: &random)
        return KonnectReply(content: text, modelsUsed: models)
    }

    /// Distinct models from the pool, as many as the mode asks for, in a seeded order.
    static func drawModels(for mode: KonnectMode, using random: inout SplitMix64) -> [String] {
        let range = mode.modelCountRange
        let count = range.lowerBound + Int(random.next() % UInt64(range.count))
        var pool = KonnectMode.modelPool
        // Fisher–Yates over the first `count` places: a seeded draw without repetition.
        for i in 0..<count {
            let j = i + Int(random.next() % UInt64(pool.count - i))
            pool.swapAt(i, j)
        }
        return Array(pool.prefix(count))
    }
}
