/// What a user's message is about, for the reply to pick up: the phrase they asked about and
/// a few content words from it. Deterministic and cheap: no language model, just the words.
struct ReplyTopic: Sendable, Equatable {
    /// The request without its question frame: "How do I deploy a Swift app?" → "deploy a
    /// Swift app". Empty when nothing is left.
    var phrase: String
    /// Content words in the order they appear, without stop words or repeats, lowercased
    /// unless they look like a name (`Swift`, `API`).
    var keywords: [String]

    /// At most this many words of the message make the phrase, so a long paste stays short.
    static let phraseWords = 8

    init(message: String) {
        let words = message.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        var rest = words[...]
        // Drop a question frame: "how do I", "can you please", "tell me about", …
        while let first = rest.first, Self.frame.contains(Self.bare(first).lowercased()) {
            rest = rest.dropFirst()
        }
        let kept: [String] = Array(rest.prefix(Self.phraseWords))
        var phrase = kept.joined(separator: " ")
        while let last = phrase.last, "?!.,;:".contains(last) { phrase.removeLast() }
        if rest.count > Self.phraseWords { phrase += " …" }
        self.phrase = phrase
        var seen: Set<String> = []
        var keywords: [String] = []
        for (index, word) in words.enumerated() {
            let bare = Self.bare(word)
            let lower = bare.lowercased()
            guard bare.count >= 3, !Self.stopWords.contains(lower), !Self.frame.contains(lower),
                bare.contains(where: \.isLetter), !seen.contains(lower)
            else { continue }
            seen.insert(lower)
            // Keep the case of what looks like a name (Swift, API, iOS); a capital that only
            // starts the message says nothing.
            let innerCapital = bare.dropFirst().contains(where: \.isUppercase)
            let looksLikeName = innerCapital || (index > 0 && bare.first?.isUppercase == true)
            keywords.append(looksLikeName ? bare : lower)
        }
        self.keywords = keywords
    }

    /// The word without surrounding punctuation or quotes.
    static func bare(_ word: String) -> String {
        var core = Substring(word)
        while let first = core.first, !first.isLetter, !first.isNumber { core.removeFirst() }
        while let last = core.last, !last.isLetter, !last.isNumber { core.removeLast() }
        return String(core)
    }

    private static let frame: Set<String> = [
        "how", "do", "does", "did", "i", "we", "you", "can", "could", "would", "should", "will", "please",
        "tell", "me", "us", "about", "what", "what's", "whats", "is", "are", "explain", "describe", "why",
        "help", "with", "hi", "hello", "hey", "so", "ok", "okay", "to", "a", "an", "the", "give", "show",
        "some", "any", "there", "way", "best", "i'm", "im", "want", "need", "like", "be", "have",
    ]

    private static let stopWords: Set<String> = [
        "and", "the", "for", "with", "that", "this", "from", "into", "onto", "over", "under", "than", "then",
        "them", "they", "their", "there", "here", "have", "has", "had", "was", "were", "been", "being", "are",
        "our", "your", "yours", "mine", "its", "it's", "not", "but", "all", "any", "can", "could", "would",
        "should", "will", "just", "also", "very", "really", "more", "most", "some", "such", "each", "which",
        "when", "where", "who", "whom", "whose", "why", "how", "what", "about", "after", "before", "again",
        "please", "thanks", "thank", "hello", "okay", "yes", "one", "two", "get", "got", "make", "does",
        "did",
        "doing", "done", "use", "using", "way", "ways", "thing", "things", "lot", "bit", "out", "off", "too",
    ]
}
