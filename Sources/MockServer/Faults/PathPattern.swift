/// A path glob for fault and journal matching, compared segment by segment:
/// - a literal segment matches itself (`sessions`);
/// - `*` inside a segment matches any run of characters except `/` (`sess_*`, `*`);
/// - a whole segment `**` matches any number of segments, none included (`/v1/**`).
/// The router's `:name` segments are accepted too and mean the same as `*`, so a route's own
/// pattern (`/sessions/:id/messages`) can be pasted as is.
public struct PathPattern: Sendable, Equatable, CustomStringConvertible {
    enum Segment: Sendable, Equatable {
        case anyDepth
        case glob([UInt8])
    }

    public let description: String
    let segments: [Segment]

    /// Longest pattern accepted (in code points, as the schema counts), and most segments; keep matching cheap for hostile input.
    public static let maxLength = 1024
    public static let maxSegments = 64

    /// Returns nil when the text is not a usable pattern (not starting with `/`, or too long).
    public init?(_ text: String) {
        guard text.hasPrefix("/"), text.unicodeScalars.count <= Self.maxLength else { return nil }
        let parts = text.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count <= Self.maxSegments else { return nil }
        description = text
        segments = parts.map { part in
            if part == "**" { return .anyDepth }
            if part.hasPrefix(":") && part.count > 1 { return .glob(Array("*".utf8)) }
            return .glob(Array(part.utf8))
        }
    }

    /// Whether `path` (a request path without its query) matches.
    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.utf8) }
        return Self.match(segments[...], parts[...])
    }

    /// Dynamic programming over (pattern segment, path segment): O(pattern × path) time and
    /// O(path) memory, whatever mix of `**` a pattern holds.
    private static func match(_ pattern: ArraySlice<Segment>, _ parts: ArraySlice<[UInt8]>) -> Bool {
        let pattern = Array(pattern)
        let parts = Array(parts)
        // next[j]: pattern[(i+1)...] matches parts[j...]
        var next = [Bool](repeating: false, count: parts.count + 1)
        next[parts.count] = true
        for segment in pattern.reversed() {
            var current = [Bool](repeating: false, count: parts.count + 1)
            for j in stride(from: parts.count, through: 0, by: -1) {
                switch segment {
                case .anyDepth:
                    current[j] = next[j] || (j < parts.count && current[j + 1])
                case .glob(let glob):
                    current[j] = j < parts.count && next[j + 1] && globMatch(glob, parts[j])
                }
            }
            next = current
        }
        return next[0]
    }

    /// `*`-only wildcard match within one segment: greedy with one backtrack point, linear time.
    static func globMatch(_ glob: [UInt8], _ text: [UInt8]) -> Bool {
        let star = UInt8(ascii: "*")
        var g = 0
        var t = 0
        var starAt = -1
        var resumeText = 0
        while t < text.count {
            if g < glob.count && glob[g] == star {
                starAt = g
                resumeText = t
                g += 1
            } else if g < glob.count && glob[g] == text[t] {
                g += 1
                t += 1
            } else if starAt >= 0 {
                g = starAt + 1
                resumeText += 1
                t = resumeText
            } else {
                return false
            }
        }
        while g < glob.count && glob[g] == star { g += 1 }
        return g == glob.count
    }
}
