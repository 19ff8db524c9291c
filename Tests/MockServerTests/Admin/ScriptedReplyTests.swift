import Foundation
import HTTPServer
import JSONSchema
import Testing

@testable import MockServer

/// Scripted replies as the two mocks answer them.
@Suite("Scripted replies in the mocks")
struct ScriptedReplyTests {
    let environment = AdminTest.environment()
    var handler: HTTPHandler { MockServer.makeHandler(environment: environment) }

    @Test("Konnect answers the scripted text for a matching message, and the default otherwise")
    func konnect() async throws {
        let key = ("Authorization", "Bearer sk_test_script")
        let register = await handler(
            AdminTest.request(
                "POST", "/__admin/replies",
                body: #"{"api":"konnect","pattern":"weather","reply":"Sunny, 21 °C."}"#))
        #expect(register.status == 201)
        let scripted = await handler(
            AdminTest.request("POST", "/v1/chat", headers: [key], body: #"{"message":"How is the weather?"}"#)
        )
        #expect(try await AdminTest.json(scripted)["content"]?.string == "Sunny, 21 °C.")
        let other = await handler(
            AdminTest.request("POST", "/v1/chat", headers: [key], body: #"{"message":"Hi"}"#))
        let content = try #require(try await AdminTest.json(other)["content"]?.string)
        #expect(content != "Sunny, 21 °C." && !content.isEmpty)
    }

    @Test("CID222 streams the scripted text, with its extra events before the deltas, and stores it")
    func cid222() async throws {
        let token = JWTMinter.mint(
            tenant: "t", user: "u", ttl: 3600, secret: environment.options.jwtSecret,
            now: Int64(Date().timeIntervalSince1970))
        let auth = ("Authorization", "Bearer \(token)")
        let warning =
            #"{"action":"masked","entity":"email","field":"content","message":"scripted","type":"filter_warning"}"#
        let register = await handler(
            AdminTest.request(
                "POST", "/__admin/replies",
                body:
                    #"{"api":"cid222","pattern":"order","reply":"Your order ships today.","events":[\#(warning)],"times":1}"#
            ))
        #expect(register.status == 201)
        let created = await handler(AdminTest.request("POST", "/sessions", headers: [auth], body: "{}"))
        let id = try #require(try await AdminTest.json(created)["id"]?.string)
        let stream = await AdminTest.text(
            await handler(
                AdminTest.request(
                    "POST", "/sessions/\(id)/messages", headers: [auth],
                    body: #"{"content":"Where is my order?","model":"gpt-4o"}"#)))
        let events = StreamEventData.events(in: Array(stream.utf8))
        #expect(events.first == warning)
        let texts = events.compactMap { event -> String? in
            guard let json = try? AdminBody.parse(Array(event.utf8)),
                json["type"]?.string == "content_block_delta"
            else { return nil }
            return json["delta"]?["text"]?.string
        }
        #expect(texts.joined() == "Your order ships today.")
        let detail = try await AdminTest.json(
            await handler(AdminTest.request("GET", "/sessions/\(id)", headers: [auth])))
        #expect(detail["context"]?[1]?["content"]?.string == "Your order ships today.")
        #expect(environment.replies.list(namespace: "default").isEmpty)
    }

    @Test("CID222: a blocked message does not use up a scripted reply; the next allowed one does")
    func blockedMessageKeepsTheScriptedReply() async throws {
        let environment = AdminTest.environment { $0.blocklist = ["forbidden"] }
        let handler = MockServer.makeHandler(environment: environment)
        let auth = AdminTest.cid222Auth(environment)
        let register = await handler(
            AdminTest.request(
                "POST", "/__admin/replies",
                body: #"{"api":"cid222","pattern":"order","reply":"Scripted.","times":1}"#))
        #expect(register.status == 201)
        let id = try #require(
            try await AdminTest.json(
                await handler(AdminTest.request("POST", "/sessions", headers: [auth], body: "{}")))[
                    "id"]?.string)
        let blocked = await AdminTest.text(
            await handler(
                AdminTest.request(
                    "POST", "/sessions/\(id)/messages", headers: [auth],
                    body: #"{"content":"a forbidden order","model":"gpt-4o"}"#)))
        #expect(blocked.contains("input_rejected"))
        #expect(environment.replies.list(namespace: "default").count == 1)
        let allowed = await AdminTest.text(
            await handler(
                AdminTest.request(
                    "POST", "/sessions/\(id)/messages", headers: [auth],
                    body: #"{"content":"my order","model":"gpt-4o"}"#)))
        #expect(allowed.contains("Scripted."))
        #expect(environment.replies.list(namespace: "default").isEmpty)
    }

    @Test("CID222: max_tokens cuts a non-ASCII scripted reply at a character boundary")
    func maxTokensNeverSplitsACharacter() async throws {
        let auth = AdminTest.cid222Auth(environment)
        // 2-byte characters and no spaces: a 1-token budget (4 bytes) holds exactly two.
        let register = await handler(
            AdminTest.request(
                "POST", "/__admin/replies", body: #"{"api":"cid222","reply":"ééééééé","times":1}"#))
        #expect(register.status == 201)
        let id = try #require(
            try await AdminTest.json(
                await handler(AdminTest.request("POST", "/sessions", headers: [auth], body: "{}")))[
                    "id"]?.string)
        let odd = await handler(
            AdminTest.request("POST", "/__admin/replies", body: #"{"api":"cid222","reply":"aéééééé"}"#))
        #expect(odd.status == 201)
        for _ in 0..<2 {
            _ = await AdminTest.text(
                await handler(
                    AdminTest.request(
                        "POST", "/sessions/\(id)/messages", headers: [auth],
                        body: #"{"content":"hi","model":"gpt-4o","max_tokens":1}"#)))
        }
        let detail = try await AdminTest.json(
            await handler(AdminTest.request("GET", "/sessions/\(id)", headers: [auth])))
        #expect(detail["context"]?[1]?["content"]?.string == "éé")
        // "a" + "é" is 3 bytes; the 4th byte would split the second "é".
        #expect(detail["context"]?[3]?["content"]?.string == "aé")
    }

}
