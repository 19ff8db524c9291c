/// A session's title from its first message: whitespace runs become one space, and a text
/// longer than 60 characters is cut there with "…" appended (contract.md, `POST /v1/chat`).
enum KonnectTitle {
    static let maximumLength = 60

    static func from(firstMessage message: String) -> String {
        let collapsed = message.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard collapsed.count > maximumLength else { return collapsed }
        return String(collapsed.prefix(maximumLength)) + "…"
    }
}
