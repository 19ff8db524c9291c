import Testing

@testable import SessionsAPI

/// Issue 13, finding 1: time arithmetic on values a client controls (a JWT `exp`, a
/// `--clock` tick) must never trap.
@Suite struct TimestampOverflowTests {
    @Test("formatting the extremes of Int64 gives text instead of trapping")
    func formatsExtremes() {
        #expect(Timestamp.format(.min) == "-292277022657-01-27T08:29:52Z")
        #expect(Timestamp.format(.max) == "292277026596-12-04T15:30:07Z")
        #expect(Timestamp.format(.min + 1).hasSuffix("08:29:53Z"))
    }

    @Test("floor division matches the mathematical floor at and near Int64.min")
    func floorDivision() {
        #expect(Timestamp.floorDiv(.min, 86_400) == -106_751_991_167_301)
        #expect(Timestamp.floorDivision(.min, 86_400).remainder == 30_592)
        #expect(Timestamp.floorDiv(-1, 86_400) == -1)
        #expect(Timestamp.floorDiv(-86_400, 86_400) == -1)
        #expect(Timestamp.floorDiv(-86_401, 86_400) == -2)
        #expect(Timestamp.floorDiv(86_399, 86_400) == 0)
    }

    @Test("a fixed clock with a huge tick saturates instead of trapping on its second reading")
    func clockSaturates() {
        #expect(MockClock.reading(start: 0, tick: .max, count: 2) == .max)
        #expect(MockClock.reading(start: .max - 1, tick: 1, count: 5) == .max)
        #expect(MockClock.reading(start: 10, tick: 3, count: 4) == 22)
        let clock = MockClock(ClockSpec(start: 0, tick: .max))
        #expect(clock.now() == 0)
        #expect(clock.now() == .max)
        #expect(clock.timestamp() == Timestamp.format(.max))
    }
}
