import Foundation
import Locking

/// How the mock tells time: the wall clock, or a fixed start that advances by a fixed tick
/// on every reading (`--clock START[,TICK]`), which makes every timestamp repeatable.
public struct ClockSpec: Sendable, Equatable {
    public var start: Int64
    public var tick: Int64

    public init(start: Int64, tick: Int64 = 1) {
        self.start = start
        self.tick = tick
    }

    /// Parses `START[,TICK]`: an RFC 3339 time, then a whole number of seconds (default 1).
    public init?(parsing text: String) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2, let start = Timestamp.parse(String(parts[0])) else {
            return nil
        }
        var tick: Int64 = 1
        if parts.count == 2 {
            guard let t = Int64(parts[1]), t >= 0 else { return nil }
            tick = t
        }
        self.init(start: start, tick: tick)
    }
}

public final class MockClock: Sendable {
    private let spec: ClockSpec?
    private let readings = Locked<Int64>(0)

    /// `nil` reads the wall clock, truncated to whole seconds.
    public init(_ spec: ClockSpec?) {
        self.spec = spec
    }

    /// Seconds since the epoch. With a spec, each call advances the clock by one tick.
    public func now() -> Int64 {
        guard let spec else { return Int64(Date().timeIntervalSince1970) }
        let n = readings.withLock { count in
            defer { count += 1 }
            return count
        }
        return Self.reading(start: spec.start, tick: spec.tick, count: n)
    }

    /// `start + count * tick`, saturating: `--clock START,TICK` takes any whole tick, and a
    /// huge one must pin the clock at the end of time rather than trap on the second reading.
    static func reading(start: Int64, tick: Int64, count: Int64) -> Int64 {
        let (elapsed, productOverflow) = count.multipliedReportingOverflow(by: tick)
        let (sum, sumOverflow) = start.addingReportingOverflow(elapsed)
        if productOverflow { return (tick < 0) != (count < 0) ? .min : .max }
        if sumOverflow { return elapsed < 0 ? .min : .max }
        return sum
    }

    /// `now()` as an RFC 3339 string.
    public func timestamp() -> String {
        Timestamp.format(now())
    }
}
