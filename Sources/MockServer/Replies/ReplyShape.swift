/// How the fake model's generated replies look (`--reply-style`, `--reply-words`). Scripted
/// replies (`/__admin/replies`) are sent as registered, whatever the shape.
public struct ReplyShape: Sendable, Equatable {
    public enum Style: String, Sendable, CaseIterable {
        /// Sentences in one paragraph.
        case plain
        /// Paragraphs, a numbered list, a code fence and a table, so chat UIs that render
        /// Markdown get each construct to draw.
        case markdown
    }

    public var style: Style
    /// Words of prose in a reply; each reply draws its length from this range. In Markdown
    /// the code fence and the table come on top.
    public var words: ClosedRange<Int>

    public static let defaultWords = 12...40

    public init(style: Style = .plain, words: ClosedRange<Int> = ReplyShape.defaultWords) {
        self.style = style
        self.words = words
    }

    /// `MIN-MAX` (or one number for a fixed length) with 1 ≤ MIN ≤ MAX ≤ 2000.
    public init?(wordsText text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2, let low = Int(parts[0]),
            let high = parts.count == 2 ? Int(parts[1]) : low, 1 <= low, low <= high, high <= 2000
        else { return nil }
        self.init(words: low...high)
    }
}
