import Testing

@testable import MockServer

/// Issue 13, finding 2: a Konnect turn runs under its own user's lock, never one shared
/// with other users or namespaces.
@Suite("Konnect store: a lock per user")
struct KonnectShardingTests {
    let alice = KonnectCaller(namespace: "n", user: KonnectKeyFingerprint.of("sk_test_alice"))
    let bob = KonnectCaller(namespace: "n", user: KonnectKeyFingerprint.of("sk_test_bob"))
    let carol = KonnectCaller(namespace: "other", user: KonnectKeyFingerprint.of("sk_test_alice"))

    @Test("while one user's change runs, another user's sessions can be read and changed")
    func usersDoNotShareALock() {
        let store = KonnectStore()
        // With one lock for the whole store these nested calls would deadlock.
        let seen = store.update(alice) { _ in
            store.update(bob) { sessions in sessions.nextSequence = 7 }
            return store.read(carol) { $0.sessions.count } + store.read(bob) { $0.nextSequence }
        }
        #expect(seen == 7)
    }

    @Test("a user left with nothing is not kept, and an emptied user reads as new")
    func emptyUsersAreDropped() {
        let store = KonnectStore()
        #expect(store.update(alice) { $0.delete("sess_none") } == false)
        #expect(store.exportSnapshot().namespaces.isEmpty)
        store.update(bob) { $0.nextSequence = 1 }
        #expect(store.exportSnapshot().namespaces["n"]?.count == 1)
        #expect(store.sessionCount(namespace: "n") == 0)
    }

    @Test("one stripe or many, counts, resets, exports and imports agree", arguments: [1, 16])
    func stripesAreInvisible(stripeCount: Int) {
        let store = KonnectStore(stripeCount: stripeCount)
        let callers = (0..<40).map { KonnectCaller(namespace: "ns\($0 % 4)", user: "user\($0)") }
        for (index, caller) in callers.enumerated() {
            store.update(caller) { $0.nextSequence = index + 1 }
        }
        let exported = store.exportSnapshot()
        #expect(exported.namespaces.count == 4)
        #expect(exported.namespaces.values.map(\.count).reduce(0, +) == 40)
        let copy = KonnectStore(stripeCount: 17 - stripeCount)
        copy.importSnapshot(exported)
        #expect(copy.exportSnapshot() == exported)
        copy.reset(namespace: "ns1")
        #expect(copy.exportSnapshot().namespaces["ns1"] == nil)
        #expect(copy.exportSnapshot().namespaces.count == 3)
        #expect(copy.read(callers[6]) { $0.nextSequence } == 7)
        #expect(copy.read(callers[5]) { $0.nextSequence } == 0)
        copy.reset(namespace: nil)
        #expect(copy.exportSnapshot().namespaces.isEmpty)
    }
}
