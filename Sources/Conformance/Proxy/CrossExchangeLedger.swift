import Foundation
import JSONSchema
import Synchronization

/// The state that spans exchanges, per session and identity, and the invariants judged on
/// it: token usage cumulative and never decreasing, streamed replies stored as GET shows
/// them, `message_count` equal to the messages, deleted sessions gone for good, PATCH moving
/// `updated_at`, and no session of one identity visible to another.
///
/// Judgements only compare answers the proxy saw in a definite order (one finished before
/// the other started, from a shared counter), and relations that a concurrent request could
/// change (a turn, a rename) only when none overlapped, so concurrent clients never cause a
/// false deviation. At most `capacity` sessions are remembered; the oldest are forgotten.
final class CrossExchangeLedger: Sendable {
    static let defaultCapacity = 10_000

    private struct State {
        var sessions: [String: TrackedSession] = [:]
        /// Keys in the order they were first seen, for eviction; `head` skips forgotten ones.
        var order: [String] = []
        var head = 0
        /// Keys of the latest deletes, so a list can confirm they stay off it.
        var recentlyDeleted: [String] = []
    }

    static let rememberedDeletes = 64

    let capacity: Int
    private let state = Mutex(State())
    private let counter = Atomic<Int>(0)

    init(capacity: Int = CrossExchangeLedger.defaultCapacity) {
        self.capacity = max(1, capacity)
    }

    /// The next number of the shared order (every start and finish takes one).
    func tick() -> Int {
        counter.wrappingAdd(1, ordering: .relaxed).newValue
    }

    /// How many sessions are remembered now.
    var trackedCount: Int { state.withLock { $0.sessions.count } }

    /// Notes a request that may change a session, as it starts.
    func began(_ operation: ProxyOperation, requestBody: JSONValue?, at sequence: Int) {
        guard let (key, api, kind) = Self.mutation(operation, requestBody: requestBody) else { return }
        state.withLock { state in
            Self.update(key, api: api, in: &state, capacity: capacity) { session in
                if kind == .turn {
                    session.turnActivity.begin(sequence)
                } else {
                    session.patchActivity.begin(sequence)
                }
            }
        }
    }

    /// Judges a finished exchange against what earlier ones showed, then remembers it.
    func judge(_ exchange: LedgerExchange) -> VerdictList {
        var verdicts = VerdictList()
        state.withLock { state in
            if let (key, api, kind) = Self.mutation(exchange.operation, requestBody: exchange.requestBody) {
                Self.update(key, api: api, in: &state, capacity: capacity) { session in
                    if kind == .turn {
                        session.turnActivity.end(exchange.finished)
                    } else {
                        session.patchActivity.end(exchange.finished)
                    }
                }
            }
            let shown = LedgerRules.sessionsShown(by: exchange)
            for (key, api, sighting) in shown {
                Self.update(key, api: api, in: &state, capacity: capacity) { session in
                    LedgerRules.judge(sighting, of: &session, in: exchange, into: &verdicts)
                }
                if sighting.kind == .deleted, exchange.succeeded {
                    state.recentlyDeleted.append(key)
                    if state.recentlyDeleted.count > Self.rememberedDeletes {
                        state.recentlyDeleted.removeFirst()
                    }
                }
            }
            if exchange.succeeded, exchange.operation == .cidList || exchange.operation == .konnectList {
                Self.confirmDeletedUnlisted(
                    shown: Set(shown.map(\.0)), in: state, exchange: exchange, into: &verdicts)
            }
        }
        return verdicts
    }

    /// A list by the owner of a recently deleted session, taken after the delete, leaves it out.
    private static func confirmDeletedUnlisted(
        shown: Set<String>, in state: State, exchange: LedgerExchange, into verdicts: inout VerdictList
    ) {
        for key in state.recentlyDeleted where !shown.contains(key) {
            guard let session = state.sessions[key], let deleted = session.deletedAt,
                deleted < exchange.started,
                session.owner == exchange.identity
            else { continue }
            verdicts.pass(RuleIDs(session.api).deleteUnlisted)
        }
    }

    private enum MutationKind { case turn, rename }

    private static func mutation(_ operation: ProxyOperation, requestBody: JSONValue?) -> (
        String, APIKind, MutationKind
    )? {
        switch operation {
        case .cidSend(let id): return (key(.cid222, id), .cid222, .turn)
        case .konnectPatch(let id): return (key(.konnect, id), .konnect, .rename)
        case .konnectChat:
            guard let id = requestBody?["session_id"]?.stringValue else { return nil }
            return (key(.konnect, id), .konnect, .turn)
        default: return nil
        }
    }

    static func key(_ api: APIKind, _ id: String) -> String { "\(api.rawValue) \(id)" }

    /// Changes the record of `key`, creating it (and forgetting the oldest beyond capacity).
    private static func update(
        _ key: String, api: APIKind, in state: inout State, capacity: Int,
        _ change: (inout TrackedSession) -> Void
    ) {
        if var session = state.sessions[key] {
            change(&session)
            state.sessions[key] = session
            return
        }
        var session = TrackedSession(api: api)
        change(&session)
        state.sessions[key] = session
        state.order.append(key)
        while state.sessions.count > capacity, state.head < state.order.count {
            state.sessions.removeValue(forKey: state.order[state.head])
            state.head += 1
        }
        if state.head > capacity {
            state.order.removeFirst(state.head)
            state.head = 0
        }
    }
}
