import JSONSchema

/// A value one answer showed about a session, with when that exchange ran: `started` and
/// `finished` come from one counter shared by all exchanges, so "A finished before B
/// started" is a happens-before the proxy really saw; `wall` is the wall-clock finish.
struct Sighting<Value: Sendable>: Sendable {
    var value: Value
    var started: Int
    var finished: Int
    var wall: Double

    /// Whether this sighting ended before `exchange` began (so `exchange` must reflect it).
    func precedes(_ exchange: LedgerExchange) -> Bool { finished < exchange.started }
}

/// The latest few sightings of one value, oldest first, so a judgement can pick the one
/// that came before some other exchange (a read overlapping a turn must not become the
/// baseline the turn is measured against).
struct SightingHistory<Value: Sendable>: Sendable {
    static var kept: Int { 8 }

    private(set) var all: [Sighting<Value>] = []

    var latest: Sighting<Value>? { all.last }

    /// The latest sighting that finished before `sequence`.
    func latest(before sequence: Int) -> Sighting<Value>? {
        all.last { $0.finished < sequence }
    }

    mutating func append(_ sighting: Sighting<Value>) {
        all.append(sighting)
        all.sort { $0.finished < $1.finished }
        if all.count > Self.kept { all.removeFirst(all.count - Self.kept) }
    }
}

/// Requests in flight that change one aspect of a session (turns, titles): a comparison of
/// two sightings is fair only when none of them overlapped either.
struct Activity: Sendable {
    var inFlight = 0
    /// The latest start or finish of such a request.
    var last = -1

    mutating func begin(_ sequence: Int) {
        inFlight += 1
        last = max(last, sequence)
    }

    mutating func end(_ sequence: Int) {
        inFlight = max(0, inFlight - 1)
        last = max(last, sequence)
    }

    /// Nothing of this kind ran at or after `sequence`, and nothing runs now.
    func quiet(since sequence: Int) -> Bool { inFlight == 0 && last < sequence }
}

/// A completed turn (CID222 send or Konnect chat) that a later read must show.
struct CompletedTurn: Sendable {
    var started: Int
    var finished: Int
    var userContent: String?
    var reply: String
    /// Konnect's chat answer id, which the stored assistant message carries.
    var replyID: String?
}

/// What the proxy remembers of one session; bounded by `CrossExchangeLedger`'s capacity.
struct TrackedSession: Sendable {
    static let keptTurns = 8

    var api: APIKind
    /// The identity it was first seen under (see `CredentialIdentity`).
    var owner: String?
    /// The sequence number at which a delete of it finished successfully.
    var deletedAt: Int?
    var createdAt: String?
    var tokens = SightingHistory<Double>()
    var cost = SightingHistory<Double>()
    /// How many messages reads of the whole session showed.
    var history = SightingHistory<Int>()
    /// `message_count` as a list entry or a PATCH answer showed it.
    var listedCount: Sighting<Int>?
    /// `message_count` as the latest PATCH answer showed it (a rename must not change it).
    var patchedCount: Sighting<Int>?
    var updatedAt: Sighting<String>?
    /// Whether `updatedAt` came from a PATCH answer (whose move later reads must keep).
    var updatedAtFromPatch = false
    var patchedTitle: Sighting<String>?
    var turns: [CompletedTurn] = []
    var turnActivity = Activity()
    var patchActivity = Activity()

    init(api: APIKind) {
        self.api = api
    }

    mutating func remember(_ turn: CompletedTurn) {
        turns.append(turn)
        if turns.count > Self.keptTurns { turns.removeFirst(turns.count - Self.keptTurns) }
    }
}

/// One finished exchange as the ledger judges it.
struct LedgerExchange: Sendable {
    var operation: ProxyOperation
    var identity: String?
    var started: Int
    var finished: Int
    var wallStarted: Double
    var wallFinished: Double
    var status: Int
    var requestBody: JSONValue?
    var body: JSONValue?
    /// For a CID222 send: whether the turn completed, and its joined deltas.
    var streamedTurn: (completed: Bool, reply: String)?

    var succeeded: Bool { (200..<300).contains(status) }

    func sighting<Value>(_ value: Value) -> Sighting<Value> {
        Sighting(value: value, started: started, finished: finished, wall: wallFinished)
    }
}
