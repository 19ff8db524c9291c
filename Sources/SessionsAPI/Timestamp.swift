/// RFC 3339 timestamps in UTC with whole seconds and a `Z`, as both seeds show them
/// (`2026-01-15T10:30:00Z`). Pure arithmetic (Hinnant's civil-date algorithms), so it costs
/// no formatter and gives the same text on every platform.
public enum Timestamp {
    /// Formats seconds since the Unix epoch. Total over `Int64`: a value from a token or a
    /// request (a JWT `exp` near `Int64.min`) must format, never trap.
    public static func format(_ epochSeconds: Int64) -> String {
        let (days, secs) = floorDivision(epochSeconds, 86_400)
        let (y, m, d) = civil(fromDays: days)
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T" + pad(secs / 3600, 2) + ":"
            + pad(secs / 60 % 60, 2) + ":" + pad(secs % 60, 2) + "Z"
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; fractions are dropped.
    /// Returns nil for anything else, including out-of-range fields.
    public static func parse(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        guard b.count >= 20 else { return nil }
        func num(_ r: Range<Int>) -> Int64? {
            var v: Int64 = 0
            for i in r {
                guard b[i] >= 48 && b[i] <= 57 else { return nil }
                v = v * 10 + Int64(b[i] - 48)
            }
            return v
        }
        guard b[4] == 45, b[7] == 45, b[10] == 84 || b[10] == 116, b[13] == 58, b[16] == 58,
            let y = num(0..<4), let mo = num(5..<7), let d = num(8..<10),
            let h = num(11..<13), let mi = num(14..<16), let s = num(17..<19),
            (1...12).contains(mo), d >= 1, d <= daysIn(month: mo, year: y), h < 24, mi < 60, s < 61
        else { return nil }
        var i = 19
        if i < b.count && b[i] == 46 {
            i += 1
            let start = i
            while i < b.count && b[i] >= 48 && b[i] <= 57 { i += 1 }
            guard i > start else { return nil }
        }
        var offset: Int64 = 0
        guard i < b.count else { return nil }
        if b[i] == 90 || b[i] == 122 {
            i += 1
        } else if b[i] == 43 || b[i] == 45, i + 6 == b.count, b[i + 3] == 58,
            let oh = num((i + 1)..<(i + 3)), let om = num((i + 4)..<(i + 6)), oh < 24, om < 60
        {
            offset = (oh * 3600 + om * 60) * (b[i] == 43 ? 1 : -1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        return days(fromCivil: y, mo, d) * 86_400 + h * 3600 + mi * 60 + min(s, 59) - offset
    }

    /// Floor division for a positive divisor. Built on truncating `/` and `%`, which cannot
    /// overflow for `b > 1`; negating `a` first would trap on `Int64.min`.
    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        floorDivision(a, b).quotient
    }

    /// The floor quotient and the remainder in `0..<b`, for `b > 0`.
    static func floorDivision(_ a: Int64, _ b: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = a / b
        let remainder = a % b
        return remainder < 0 ? (quotient - 1, remainder + b) : (quotient, remainder)
    }

    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func days(fromCivil y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func pad(_ v: Int64, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
