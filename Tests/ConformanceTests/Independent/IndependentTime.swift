import Foundation

/// Wall-clock timestamps in milliseconds, written as RFC 3339 UTC.
enum IndependentTime {
    /// Milliseconds since the Unix epoch, now.
    static func nowMillis() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }

    // Differs: the mock writes whole seconds vs we write milliseconds from the wall clock;
    // the seed allows it because it only shows example timestamps, and RFC 3339 permits a
    // fractional second.
    /// `2026-01-15T10:30:00.123Z` for the given instant.
    static func format(_ millis: Int64) -> String {
        let seconds = millis.quotientAndRemainder(dividingBy: 1000)
        let days = floorDiv(seconds.quotient, 86_400)
        let secondOfDay = seconds.quotient - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        let fraction = (seconds.remainder + 1000) % 1000
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(fraction, 3))Z"
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's algorithm), so no
    /// formatter object (and no shared mutable state) is needed.
    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
