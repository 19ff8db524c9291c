/// Finds a fixed pattern in a text in time linear in both (Knuth–Morris–Pratt over UTF-8
/// bytes). `String.contains` compares Characters pairwise at every offset, which took 10 s
/// for a 4,096-character pattern against a 100 KB message. UTF-8 is self-synchronising, so
/// a byte match is a match of whole code points; canonically equivalent but differently
/// encoded texts (a precomposed é against e + combining accent) do not match, which is
/// what a scripted reply's author expects of a plain substring.
struct SubstringMatcher: Sendable, Equatable {
    let pattern: [UInt8]
    /// `failure[i]`: the length of the longest proper prefix of `pattern[0...i]` that is
    /// also its suffix.
    private let failure: [Int]

    init(_ pattern: String) {
        self.pattern = Array(pattern.utf8)
        var failure = [Int](repeating: 0, count: self.pattern.count)
        var length = 0
        var index = 1
        while index < self.pattern.count {
            if self.pattern[index] == self.pattern[length] {
                length += 1
                failure[index] = length
                index += 1
            } else if length > 0 {
                length = failure[length - 1]
            } else {
                failure[index] = 0
                index += 1
            }
        }
        self.failure = failure
    }

    /// Whether the pattern occurs in `text`; the empty pattern occurs everywhere.
    func occurs<Bytes: Sequence>(in text: Bytes) -> Bool where Bytes.Element == UInt8 {
        guard !pattern.isEmpty else { return true }
        var matched = 0
        for byte in text {
            while matched > 0 && pattern[matched] != byte { matched = failure[matched - 1] }
            if pattern[matched] == byte {
                matched += 1
                if matched == pattern.count { return true }
            }
        }
        return false
    }
}
