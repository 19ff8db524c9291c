import SessionsAPI

/// Delays between stream events under a streaming profile: `ttft` before the first event,
/// then one gap of 1/tokens-per-second plus up to `jitter` ms before each later delta. Jitter
/// comes from a generator derived from the seed and the session, so it is repeatable and
/// draws nothing from the shared id sequence. With the profile off there are no sleeps.
struct CID222StreamPacer: Sendable {
    private let profile: StreamingProfile
    private var random: SplitMix64

    init(profile: StreamingProfile, seed: UInt64, sessionID: String, turn: Int) {
        self.profile = profile
        random = SplitMix64(seed: SplitMix64.mix([seed, SplitMix64.digest(sessionID), UInt64(turn), 0x7ACE]))
    }

    /// Milliseconds to wait before event `index`; `isDelta` tells a reply piece.
    mutating func delayMilliseconds(before index: Int, isDelta: Bool) -> Int {
        guard !profile.isOff else { return 0 }
        if index == 0 { return max(0, profile.timeToFirstTokenMilliseconds) }
        guard isDelta else { return 0 }
        var delay = 0
        if profile.tokensPerSecond > 0 {
            delay += Int((1000 / profile.tokensPerSecond).rounded())
        }
        if profile.jitterMilliseconds > 0 {
            delay += Int(random.next() % UInt64(profile.jitterMilliseconds + 1))
        }
        return delay
    }
}
