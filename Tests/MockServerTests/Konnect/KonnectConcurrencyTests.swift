import SessionsAPI
import Testing

@testable import MockServer

@Suite("Konnect under concurrent clients")
struct KonnectConcurrencyTests {
    @Test(
        "KON-CHAT-APPENDS, KON-GET-MESSAGE-COUNT, KON-LIST-MESSAGE-COUNT: 50 clients chatting in one session at once lose no message; message_count == messages.count"
    )
    func fiftyClientsOneSession() async throws {
        let client = KonnectTestClient()
        let first = try await client.chat("Opening question")
        let sessionID = first.sessionID

        let replies = try await withThrowingTaskGroup(of: KonnectChatMessage.self) { group in
            for i in 0..<50 {
                group.addTask { try await client.chat("Client \(i) asks", session: sessionID) }
            }
            // Readers run alongside the writers: every snapshot they see must be consistent.
            for _ in 0..<10 {
                group.addTask {
                    let seen = try await client.session(sessionID)
                    #expect(seen.messageCount == seen.messages.count)
                    #expect(seen.messageCount % 2 == 0)
                    return first
                }
            }
            var all: [KonnectChatMessage] = []
            for try await reply in group where reply.id != first.id { all.append(reply) }
            return all
        }
        #expect(replies.count == 50)

        let session = try await client.session(sessionID)
        #expect(session.messageCount == 2 + 100)
        #expect(session.messages.count == 2 + 100)
        #expect(Set(session.messages.map(\.id)).count == 102)

        // Each user message is followed at once by its own reply: turns never interleave.
        let userContents = session.messages.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        #expect(userContents.allSatisfy { $0.role == "user" })
        #expect(Set(userContents.dropFirst().map(\.content)) == Set((0..<50).map { "Client \($0) asks" }))
        let replyIDs = session.messages.enumerated().filter { $0.offset % 2 == 1 }.map(\.element.id)
        #expect(Set(replyIDs.dropFirst()) == Set(replies.map(\.id)))

        let list = try await client.list()
        #expect(list.data.first?.messageCount == 102)
    }

    @Test("concurrent session creation by many keys keeps each key's count exact")
    func concurrentCreation() async throws {
        let client = KonnectTestClient()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for k in 0..<5 {
                for i in 0..<10 {
                    group.addTask {
                        _ = try await client.chat("Key \(k) session \(i)", key: "sk_test_user\(k)")
                    }
                }
            }
            try await group.waitForAll()
        }
        for k in 0..<5 {
            let list = try await client.list(key: "sk_test_user\(k)")
            #expect(list.total == 10)
            #expect(list.data.allSatisfy { $0.title.hasPrefix("Key \(k) ") })
        }
    }
}
