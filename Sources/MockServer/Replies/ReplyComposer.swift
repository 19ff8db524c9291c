import Foundation
import SessionsAPI

/// Readable, deterministic replies for both APIs' fake models: sentences from fixed
/// templates, filled with the user's topic and content words, in an order and length drawn
/// from the caller's seeded generator. The same seed and conversation give the same text.
enum ReplyComposer {
    /// Rounds of body templates at most: over 2000 words, the longest `--reply-words` allows.
    static let maxRounds = 30

    static func compose(message: String, shape: ReplyShape, using random: inout SplitMix64) -> String {
        let topic = ReplyTopic(message: message)
        let fill = Filling(topic: topic)
        let target = shape.words.lowerBound + Int(random.next() % UInt64(shape.words.count))
        let opener = fill(pick(ReplyTemplates.openers, &random))
        let closer = fill(pick(ReplyTemplates.closers, &random))
        // Enough sentences for the longest reply: further rounds reshuffle the templates and
        // rotate the focus words, so a long reply does not repeat itself word for word at once.
        var bodies: [String] = []
        var available = 0
        for round in 0..<maxRounds where available < shape.words.upperBound {
            let rotated = fill.rotated(by: round)
            let sentences = shuffled(ReplyTemplates.bodies, &random).map(rotated.callAsFunction)
            available += sentences.map(words).reduce(0, +)
            bodies += sentences
        }
        var prose = [opener]
        var count = words(opener)
        // Greedy fill: the next body sentence that still leaves room for the closer.
        while let index = bodies.firstIndex(where: { count + words($0) + words(closer) <= target }) {
            count += words(bodies[index])
            prose.append(bodies.remove(at: index))
        }
        if count + words(closer) <= target {
            prose.append(closer)
            count += words(closer)
        }
        prose = fitted(prose, count: count, within: shape.words.lowerBound...target, spare: bodies)
        switch shape.style {
        case .plain: return prose.joined(separator: " ")
        case .markdown: return markdown(prose, topic: topic, fill: fill, using: &random)
        }
    }

    /// `prose` cut or topped up so its word count lands in `range`: a too-long single
    /// sentence is cut, a short reply gets the start of another sentence.
    private static func fitted(_ prose: [String], count: Int, within range: ClosedRange<Int>, spare: [String])
        -> [String]
    {
        var prose = prose
        if count > range.upperBound, let only = prose.first {
            return [clipped(only, to: range.upperBound)]
        }
        var count = count
        var spare = spare + ReplyTemplates.fillers
        while count < range.lowerBound, !spare.isEmpty {
            let room = range.upperBound - count
            // A whole sentence that fits, else the start of the first one.
            let index = spare.firstIndex { words($0) <= room } ?? spare.startIndex
            let sentence = spare.remove(at: index)
            let piece = words(sentence) <= room ? sentence : clipped(sentence, to: room)
            count += words(piece)
            // Before the closer, which reads best last.
            prose.insert(piece, at: max(1, prose.count - 1))
        }
        return prose
    }

    /// The first `limit` words of `sentence`, ending with a full stop.
    private static func clipped(_ sentence: String, to limit: Int) -> String {
        var text = sentence.split(separator: " ").prefix(max(1, limit)).joined(separator: " ")
        while let last = text.last, ",;:.!?—".contains(last) { text.removeLast() }
        return text + "."
    }

    /// Opening paragraph, the middle sentences as a numbered list, a fenced YAML block and a
    /// table of the focus words, then the closing paragraph.
    private static func markdown(
        _ prose: [String], topic: ReplyTopic, fill: Filling, using random: inout SplitMix64
    ) -> String {
        var blocks = [prose[0]]
        let middle = prose.count > 2 ? Array(prose[1..<(prose.count - 1)]) : Array(prose.dropFirst())
        if !middle.isEmpty {
            blocks.append(
                middle.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n"))
        }
        let focus = fill.focusWords
        var yaml = ["```yaml", "topic: \(yamlText(fill.topicPhrase))", "steps:"]
        for word in focus { yaml.append("  - \(yamlText(word))") }
        yaml.append("```")
        blocks.append(yaml.joined(separator: "\n"))
        var table = ["| Step | Focus | Why |", "| ---: | --- | --- |"]
        let reasons = shuffled(ReplyTemplates.reasons, &random)
        for (index, word) in focus.enumerated() {
            table.append("| \(index + 1) | \(cell(word)) | \(reasons[index % reasons.count]) |")
        }
        blocks.append(table.joined(separator: "\n"))
        if prose.count > 2, let last = prose.last { blocks.append(last) }
        return blocks.joined(separator: "\n\n")
    }

    private static func yamlText(_ text: String) -> String {
        let plain = text.allSatisfy { $0.isLetter || $0.isNumber || " -_.".contains($0) }
        return plain && !text.isEmpty ? text : "\"" + text.replacingOccurrences(of: "\"", with: "'") + "\""
    }

    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }

    static func words(_ text: String) -> Int {
        text.split(whereSeparator: { $0.isWhitespace }).count
    }

    private static func pick(_ items: [String], _ random: inout SplitMix64) -> String {
        items[Int(random.next() % UInt64(items.count))]
    }

    /// A seeded Fisher–Yates shuffle.
    private static func shuffled<T>(_ items: [T], _ random: inout SplitMix64) -> [T] {
        var items = items
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, Int(random.next() % UInt64(i + 1)))
        }
        return items
    }
}

/// Fills a template's slots: `{topic}` the phrase asked about (quoted), `{a}` `{b}` `{c}` its
/// first content words, with neutral words when the message has too few.
struct Filling {
    let topicPhrase: String
    let focusWords: [String]
    private let quotedTopic: String

    init(topic: ReplyTopic) {
        topicPhrase = topic.phrase.isEmpty ? "your question" : topic.phrase
        quotedTopic = topic.phrase.isEmpty ? "your question" : "“\(topic.phrase)”"
        var focus = Array(topic.keywords.prefix(3))
        for fallback in ["the goal", "the constraints", "the next step"] where focus.count < 3 {
            focus.append(fallback)
        }
        focusWords = focus
    }

    private init(topicPhrase: String, focusWords: [String], quotedTopic: String) {
        self.topicPhrase = topicPhrase
        self.focusWords = focusWords
        self.quotedTopic = quotedTopic
    }

    /// The same filling with the focus words shifted, for another round of templates.
    func rotated(by shift: Int) -> Filling {
        let offset = shift % focusWords.count
        return Filling(
            topicPhrase: topicPhrase, focusWords: Array(focusWords[offset...] + focusWords[..<offset]),
            quotedTopic: quotedTopic)
    }

    func callAsFunction(_ template: String) -> String {
        template.replacingOccurrences(of: "{topic}", with: quotedTopic)
            .replacingOccurrences(of: "{a}", with: focusWords[0])
            .replacingOccurrences(of: "{b}", with: focusWords[1])
            .replacingOccurrences(of: "{c}", with: focusWords[2])
    }
}
