/// `sessions serve --replay DIR [--replay-speed X]`.
public struct ReplaySettings: Sendable, Equatable {
    /// A transcript file, or a directory searched recursively for `*.json` transcripts.
    public var path: String
    /// Multiplies the pace of recorded chunk offsets; nil replays as fast as possible.
    public var speed: Double?

    public init(path: String, speed: Double? = nil) {
        self.path = path
        self.speed = speed
    }
}
