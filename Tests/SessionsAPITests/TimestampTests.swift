import Testing

@testable import SessionsAPI

@Suite struct TimestampTests {
    @Test func formatsKnownInstants() {
        #expect(Timestamp.format(0) == "1970-01-01T00:00:00Z")
        // 2026-01-15T10:30:00Z, the seeds' example time.
        #expect(Timestamp.format(1_768_473_000) == "2026-01-15T10:30:00Z")
        #expect(Timestamp.format(951_782_400) == "2000-02-29T00:00:00Z")
        #expect(Timestamp.format(-1) == "1969-12-31T23:59:59Z")
    }

    @Test func parsesWhatItFormatsOverFourHundredYears() {
        var t: Int64 = -2_208_988_800  // 1900-01-01
        while t < 10_413_792_000 {  // 2300
            #expect(Timestamp.parse(Timestamp.format(t)) == t)
            t += 86_400 * 37 + 3_599
        }
    }

    @Test func parsesOffsetsAndFractions() {
        #expect(Timestamp.parse("2026-01-15T10:30:00.123Z") == 1_768_473_000)
        #expect(Timestamp.parse("2026-01-15T12:30:00+02:00") == 1_768_473_000)
        #expect(Timestamp.parse("2026-01-15T05:30:00-05:00") == 1_768_473_000)
    }

    @Test(arguments: [
        "", "2026-01-15", "2026-01-15T10:30:00", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z",
        "2026-01-15T24:00:00Z", "2026-01-15T10:60:00Z", "2026-01-15T10:30:00.Z", "2026-01-15T10:30:00Zjunk",
        "2026-01-15 10:30:00Z", "20260115T103000Z", "2026-01-15T10:30:00+0200", "ｙ026-01-15T10:30:00Z",
    ])
    func rejectsMalformed(_ text: String) {
        #expect(Timestamp.parse(text) == nil)
    }
}

@Suite struct ClockTests {
    @Test func fixedClockTicks() {
        let clock = MockClock(ClockSpec(parsing: "2026-01-15T10:30:00Z,5"))
        #expect(clock.timestamp() == "2026-01-15T10:30:00Z")
        #expect(clock.timestamp() == "2026-01-15T10:30:05Z")
        #expect(clock.now() == 1_768_473_010)
    }

    @Test func clockSpecDefaultsToOneSecondTick() {
        #expect(ClockSpec(parsing: "2026-01-15T10:30:00Z") == ClockSpec(start: 1_768_473_000, tick: 1))
    }

    @Test(arguments: [
        "", "yesterday", "2026-01-15T10:30:00Z,", "2026-01-15T10:30:00Z,-1", "2026-01-15T10:30:00Z,1,2",
    ])
    func clockSpecRejects(_ text: String) {
        #expect(ClockSpec(parsing: text) == nil)
    }
}

@Suite struct IDGeneratorTests {
    @Test func sameSeedSameIDs() {
        let a = IDGenerator(seed: 42)
        let b = IDGenerator(seed: 42)
        #expect(a.uuid() == b.uuid())
        #expect(a.prefixed("sess_") == b.prefixed("sess_"))
        #expect(IDGenerator(seed: 1).uuid() != IDGenerator(seed: 2).uuid())
    }

    @Test func uuidIsVersion4Lowercase() {
        let ids = IDGenerator(seed: 7)
        for _ in 0..<100 {
            let id = ids.uuid()
            let parts = id.split(separator: "-")
            #expect(parts.map(\.count) == [8, 4, 4, 4, 12])
            #expect(parts[2].first == "4")
            #expect("89ab".contains(parts[3].first!))
            #expect(id == id.lowercased())
        }
    }

    @Test func prefixedIsBase62() {
        let id = IDGenerator(seed: 3).prefixed("msg_")
        #expect(id.hasPrefix("msg_"))
        #expect(id.count == 28)
        #expect(id.dropFirst(4).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
    }

    @Test func splitMixMatchesReferenceOutput() {
        // First outputs of SplitMix64 seeded with 0 (the reference C implementation).
        var g = SplitMix64(seed: 0)
        #expect(g.next() == 0xE220_A839_7B1D_CDAF)
        #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
    }
}

@Suite struct TokenCounterTests {
    @Test func countsStartedGroupsOfFourBytes() {
        #expect(TokenCounter.count("") == 0)
        #expect(TokenCounter.count("a") == 1)
        #expect(TokenCounter.count("abcd") == 1)
        #expect(TokenCounter.count("abcde") == 2)
        #expect(TokenCounter.count("é") == 1)  // two UTF-8 bytes
        #expect(TokenCounter.count(String(repeating: "x", count: 2048)) == 512)
    }
}
