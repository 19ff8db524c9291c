import SessionsAPI

/// Names the recorded request nearest to one that matched none, and why it did not match,
/// so a 404 from replay says what to change (or what to record).
enum ReplayClosestMatch {
    /// `POST /v1/chat (konnect/chat.json, step "new session"): body differs at /message`.
    static func find(_ live: ReplayRequestPattern, bodySize: Int, in library: ReplayLibrary) -> String? {
        var best: (score: Int, index: Int)?
        for (index, entry) in library.entries.enumerated() {
            let score = similarity(entry.pattern, live, bodySize: bodySize)
            if best.map({ score > $0.score }) ?? true { best = (score, index) }
        }
        guard let best else { return nil }
        let entry = library.entries[best.index]
        let request = entry.exchange.request
        let reason =
            entry.pattern.mismatch(live, liveBodySize: bodySize)
            ?? "it matches, but was recorded with other credentials or media type"
        return
            "\(request.method) \(request.target) (\(entry.file), step \"\(entry.exchange.step)\"): \(reason)"
    }

    /// Method weighs most, then the path segment by segment, then query and body.
    static func similarity(_ recorded: ReplayRequestPattern, _ live: ReplayRequestPattern, bodySize: Int)
        -> Int
    {
        var score = recorded.method == live.method ? 8 : 0
        let a = recorded.path.split(separator: "/")
        let b = live.path.split(separator: "/")
        if a.count == b.count { score += 3 }
        for (x, y) in zip(a, b) where x == y { score += 2 }
        if recorded.query == live.query { score += 1 }
        var sameRoute = live
        sameRoute.method = recorded.method
        sameRoute.path = recorded.path
        sameRoute.query = recorded.query
        if recorded.mismatch(sameRoute, liveBodySize: bodySize) == nil { score += 2 }
        return score
    }
}
