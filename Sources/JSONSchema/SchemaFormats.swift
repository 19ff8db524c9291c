/// The `format` values this validator asserts. Other formats are annotations (`nil`).
enum SchemaFormats {
    /// Whether `text` is valid for `format`; `nil` when the format is not asserted.
    static func check(_ text: String, format: String) -> Bool? {
        switch format {
        case "date-time": return isDateTime(text)
        case "uuid": return isUUID(text)
        default: return nil
        }
    }

    /// RFC 4122 text form: 8-4-4-4-12 hexadecimal digits, either case.
    static func isUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else if hexValue(byte) == nil {
                return false
            }
        }
        return true
    }

    /// RFC 3339 section 5.6 `date-time`: `full-date "T" full-time`, `T` and `Z` in either case,
    /// optional fraction, `Z` or a `+hh:mm`/`-hh:mm` offset, with field ranges checked (days per
    /// month and leap years; second 60 allowed for leap seconds).
    static func isDateTime(_ text: String) -> Bool {
        var scanner = DigitScanner(bytes: Array(text.utf8))
        guard let year = scanner.digits(4), scanner.expect("-"), let month = scanner.digits(2),
            scanner.expect("-"),
            let day = scanner.digits(2), scanner.expectEither("T", "t"),
            let hour = scanner.digits(2), scanner.expect(":"), let minute = scanner.digits(2),
            scanner.expect(":"),
            let second = scanner.digits(2)
        else { return false }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
            hour <= 23, minute <= 59, second <= 60
        else { return false }
        if scanner.expect(".") {
            guard scanner.digitRun() > 0 else { return false }
        }
        if scanner.expectEither("Z", "z") { return scanner.atEnd }
        guard scanner.expect("+") || scanner.expect("-"), let offsetHour = scanner.digits(2),
            scanner.expect(":"),
            let offsetMinute = scanner.digits(2)
        else { return false }
        return offsetHour <= 23 && offsetMinute <= 59 && scanner.atEnd
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: return Int(byte - 0x30)
        case 0x41...0x46, 0x61...0x66: return Int(byte | 0x20) - 0x61 + 10
        default: return nil
        }
    }
}

/// Reads fixed-width ASCII fields from bytes.
private struct DigitScanner {
    let bytes: [UInt8]
    var index = 0

    var atEnd: Bool { index == bytes.count }

    mutating func digits(_ count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + count] {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        index += count
        return value
    }

    mutating func digitRun() -> Int {
        let start = index
        while index < bytes.count, bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
        return index - start
    }

    mutating func expect(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    mutating func expectEither(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> Bool {
        expect(first) || expect(second)
    }
}
