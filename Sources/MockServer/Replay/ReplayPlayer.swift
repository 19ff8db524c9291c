import HTTPServer
import Locking

/// Answers requests from a `ReplayLibrary` instead of the mock's own logic.
///
/// Of the recorded exchanges that match a request (see `ReplayRequestPattern`), the first
/// not yet served is used, preferring one whose media type and credential presence agree
/// too; so repeated identical requests get successive recorded answers, in recorded order.
/// Once all are served, the last one is repeated. What has been served is kept per
/// `X-Mock-Namespace`, so parallel clients in different namespaces each get the whole
/// recording; `reset(namespace:)` starts a namespace over.
public final class ReplayPlayer: Sendable {
    public let library: ReplayLibrary
    /// Scales recorded chunk offsets; nil sends every chunk at once.
    public let speed: Double?
    /// Entries already served, per namespace.
    private let served = Locked<[String: Set<Int>]>([:])

    public init(library: ReplayLibrary, speed: Double? = nil) {
        self.library = library
        self.speed = speed
    }

    /// The recorded answer to `request`, or a 404 naming the closest recorded request.
    public func respond(to request: HTTPRequest) async -> HTTPResponse {
        let live = ReplayRequestPattern(live: request)
        let namespace = MockEnvironment.namespace(of: request)
        guard let chosen = choose(live, bodySize: request.body.count, namespace: namespace) else {
            return unmatched(request, live)
        }
        return ReplayResponse.make(library.entries[chosen].exchange, speed: speed)
    }

    /// Forgets what was served in one namespace, or in all when nil.
    public func reset(namespace: String?) {
        served.withLock { state in
            if let namespace { state[namespace] = nil } else { state = [:] }
        }
    }

    func choose(_ live: ReplayRequestPattern, bodySize: Int, namespace: String) -> Int? {
        let entries = library.entries
        let candidates = (library.index[live.routeKey] ?? []).filter {
            entries[$0].pattern.mismatch(live, liveBodySize: bodySize) == nil
        }
        guard let last = candidates.last else { return nil }
        return served.withLock { state in
            let done = state[namespace, default: []]
            let fresh = candidates.filter { !done.contains($0) }
            let pick =
                fresh.first { entries[$0].pattern.sameVariant(live) } ?? fresh.first
                ?? candidates.last { entries[$0].pattern.sameVariant(live) } ?? last
            state[namespace, default: []].insert(pick)
            return pick
        }
    }

    private func unmatched(_ request: HTTPRequest, _ live: ReplayRequestPattern) -> HTTPResponse {
        var message = "No recorded exchange matches \(request.method) \(request.target)"
        if let closest = ReplayClosestMatch.find(live, bodySize: request.body.count, in: library) {
            message += "; closest recorded request: \(closest)"
        } else {
            message += "; the recording is empty"
        }
        return APIErrorResponses.response(status: 404, message: message, path: request.path)
    }
}
