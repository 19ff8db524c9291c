import JSONSchema

/// The first place two JSON values differ, as an RFC 6901 pointer.
///
/// A recorded string holding a credential placeholder (`$SESSIONS_…`, written by the
/// recorder's redaction) matches any live string, so requests carrying secrets still match.
enum JSONMismatch {
    static func first(recorded: JSONValue, live: JSONValue, at pointer: String = "") -> String? {
        switch (recorded, live) {
        case (.object(let a), .object(let b)):
            for key in a.keys.sorted() {
                guard let x = a[key] else { continue }
                guard let y = b[key] else { return pointer + "/" + escape(key) }
                if let found = first(recorded: x, live: y, at: pointer + "/" + escape(key)) { return found }
            }
            for key in b.keys.sorted() where a[key] == nil { return pointer + "/" + escape(key) }
            return nil
        case (.array(let a), .array(let b)):
            for (offset, (x, y)) in zip(a, b).enumerated() {
                if let found = first(recorded: x, live: y, at: pointer + "/\(offset)") { return found }
            }
            return a.count == b.count ? nil : pointer + "/\(min(a.count, b.count))"
        case (.string(let a), .string) where a.contains("$SESSIONS_"):
            return nil
        default:
            return recorded == live ? nil : (pointer.isEmpty ? "/" : pointer)
        }
    }

    private static func escape(_ key: String) -> String {
        var result = ""
        for character in key {
            switch character {
            case "~": result += "~0"
            case "/": result += "~1"
            default: result.append(character)
            }
        }
        return result
    }
}
