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
        // Word counts are taken once per sentence: the greedy fill below asks for them again and
        // again, and counting was most of a chat turn's time.
        var bodies: [Counted] = []
        var available = 0
        for round in 0..<maxRounds where available < shape.words.upperBound {
            let rotated = fill.rotated(by: round)
            for sentence in shuffled(ReplyTemplates.bodies, &random).map(rotated.callAsFunction) {
                let counted = Counted(sentence)
                available += counted.words
                bodies.append(counted)
            }
        }
        let closerWords = words(closer)
        var prose = [opener]
        var count = words(opener)
        // Greedy fill: the next body sentence that still leaves room for the closer.
        while let index = bodies.firstIndex(where: { count + $0.words + closerWords <= target }) {
            count += bodies[index].words
            prose.append(bodies.remove(at: index).text)
        }
        if count + closerWords <= target {
            prose.append(closer)
            count += closerWords
        }
        prose = fitted(prose, count: count, within: shape.words.lowerBound...target, spare: bodies)
        switch shape.style {
        case .plain: return prose.joined(separator: " ")
        case .markdown: return markdown(prose, topic: topic, fill: fill, using: &random)
        }
    }

    /// `prose` cut or topped up so its word count lands in `range`: a too-long single
    /// sentence is cut, a short reply gets the start of another sentence.
    private static func fitted(
        _ prose: [String], count: Int, within range: ClosedRange<Int>, spare: [Counted]
    )
        -> [String]
    {
        var prose = prose
        if count > range.upperBound, let only = prose.first {
            return [clipped(only, to: range.upperBound)]
        }
        var count = count
        var spare = spare + ReplyTemplates.fillers.map(Counted.init)
        while count < range.lowerBound, !spare.isEmpty {
            let room = range.upperBound - count
            // A whole sentence that fits, else the start of the first one.
            let index = spare.firstIndex { $0.words <= room } ?? spare.startIndex
            let sentence = spare.remove(at: index)
            let piece = sentence.words <= room ? sentence.text : clipped(sentence.text, to: room)
            count += sentence.words <= room ? sentence.words : words(piece)
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

    /// Words in `text`, split at Unicode white space. ASCII text, nearly every sentence, is
    /// counted from its bytes; anything else goes through `Character`, which is much slower.
    static func words(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for byte in text.utf8 {
            if byte >= 0x80 { return text.split(whereSeparator: { $0.isWhitespace }).count }
            // U+0009–U+000D and U+0020: the ASCII characters with the White_Space property.
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
            }
        }
        return count
    }

    /// A sentence with its word count, counted once.
    struct Counted {
        let text: String
        let words: Int

        init(_ text: String) {
            self.text = text
            words = ReplyComposer.words(text)
        }
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

    /// The slots are replaced as they always were, one after another, so a slot name inside
    /// the user's words is filled too and replies stay byte for byte. When no value holds a
    /// brace that is the same as filling every slot in one pass, which is what nearly every
    /// turn does.
    func callAsFunction(_ template: String) -> String {
        let values = [quotedTopic, focusWords[0], focusWords[1], focusWords[2]]
        if values.contains(where: { $0.utf8.contains(UInt8(ascii: "{")) }) {
            var text = template
            for (slot, value) in zip(Self.slots, values) {
                text = Self.replacing(slot, with: value, in: text)
            }
            return text
        }
        let utf8 = template.utf8
        var filled = ""
        filled.reserveCapacity(utf8.count + 64)
        var literalStart = utf8.startIndex
        var index = utf8.startIndex
        while index != utf8.endIndex {
            guard utf8[index] == UInt8(ascii: "{"),
                let slot = Self.slots.firstIndex(where: { utf8[index...].starts(with: $0.utf8) })
            else {
                index = utf8.index(after: index)
                continue
            }
            filled += template[literalStart..<index]
            filled += values[slot]
            index = utf8.index(index, offsetBy: Self.slots[slot].utf8.count)
            literalStart = index
        }
        filled += template[literalStart...]
        return filled
    }

    private static let slots = ["{topic}", "{a}", "{b}", "{c}"]

    /// Every occurrence of `slot` in `text` replaced, compared byte for byte. Foundation's
    /// `replacingOccurrences` did this through NSString and was a fifth of a chat turn.
    private static func replacing(_ slot: String, with value: String, in text: String) -> String {
        let bytes = Array(text.utf8)
        let needle = Array(slot.utf8)
        guard let first = needle.first, bytes.count >= needle.count else { return text }
        var result: [UInt8] = []
        var index = 0
        var replaced = false
        while index < bytes.count {
            if bytes[index] == first, index + needle.count <= bytes.count,
                bytes[index..<(index + needle.count)].elementsEqual(needle)
            {
                result += value.utf8
                index += needle.count
                replaced = true
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return replaced ? String(decoding: result, as: UTF8.self) : text
    }
}
