import Locking

/// The wire bytes of list pages of one user's sessions, as last built. A user's sessions
/// get a new, empty cache with every change (`KonnectUserSessions`), so a cached page is
/// always the page of the sessions it is stored with; a client that polls its list gets
/// the same bytes without the page being assembled again.
final class KonnectPageCache: Sendable, Equatable {
    /// Pages kept at once; the cache starts over past it (clients ask for few distinct pages).
    static let capacity = 8

    private struct Key: Hashable {
        let limit: Int
        let offset: Int
    }

    private let pages = Locked<[Key: [UInt8]]>([:])

    func bytes(for page: KonnectPage) -> [UInt8]? {
        pages.withLock { $0[Key(limit: page.limit, offset: page.offset)] }
    }

    func store(_ bytes: [UInt8], for page: KonnectPage) {
        pages.withLock { pages in
            if pages.count >= Self.capacity { pages.removeAll(keepingCapacity: true) }
            pages[Key(limit: page.limit, offset: page.offset)] = bytes
        }
    }

    /// A cache never makes two users' sessions differ.
    static func == (lhs: KonnectPageCache, rhs: KonnectPageCache) -> Bool { true }
}
