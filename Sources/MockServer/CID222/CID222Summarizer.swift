import Foundation
import SessionsAPI

/// The deterministic stand-in for an LLM summary: a fixed sentence naming how many messages
/// it covers and a few topic words, the newest last. Folding a previous summary in keeps its
/// topic words, so a summary of summaries stays bounded: at most `maxTopics` words of at
/// most `maxTopicBytes` bytes each, about 30 tokens in all.
enum CID222Summarizer {
    static let maxTopics = 6
    static let maxTopicBytes = 10
    private static let prefix = "Summary of the first "
    private static let topicsMarker = " earlier messages; topics: "

    /// The summary of `covered` messages: those of `previous` plus `folded`.
    static func summarize(previous: String?, folded: [CID222ContextMessage], covered: Int) -> String {
        var topics = previous.map(topicWords(of:)) ?? []
        for message in folded {
            topics.append(contentsOf: words(message.content).prefix(2))
        }
        let kept = topics.suffix(maxTopics)
        let list = kept.isEmpty ? "none" : kept.joined(separator: ", ")
        return prefix + String(covered) + topicsMarker + list + "."
    }

    /// The topic words a summary this type wrote carries.
    static func topicWords(of summary: String) -> [String] {
        guard let marker = summary.range(of: topicsMarker) else { return [] }
        let list = summary[marker.upperBound...].dropLast()
        guard list != "none" else { return [] }
        return list.components(separatedBy: ", ").filter { !$0.isEmpty }
    }

    /// Lowercased words of letters and digits longer than three characters, cut to
    /// `maxTopicBytes` UTF-8 bytes on a character boundary.
    private static func words(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        func flush() {
            if current.count > 3 { out.append(cut(current.lowercased())) }
            current = ""
        }
        for character in text {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else {
                flush()
            }
        }
        flush()
        return out
    }

    private static func cut(_ word: String) -> String {
        var result = ""
        for character in word {
            guard result.utf8.count + character.utf8.count <= maxTopicBytes else { break }
            result.append(character)
        }
        return result
    }
}
