import Foundation
import SessionsAPI
import Testing

@testable import MockServer

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("Konnect over a real socket")
struct KonnectLiveServerTests {
    static func request(_ method: String, _ url: URL, json: String? = nil) -> URLRequest {
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.setValue("Bearer sk_test_live_socket", forHTTPHeaderField: "Authorization")
        if let json {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(json.utf8)
        }
        return request
    }

    @Test("the README flow works on port 0: chat, list, oversized body in Konnect's envelope")
    func liveFlow() async throws {
        var options = KonnectTestClient.options()
        options.maxBodySize = 4096
        let mock = try await MockServer.start(port: 0, options: options)
        do {
            try await Self.exercise(mock)
        } catch {
            await mock.stop()
            throw error
        }
        await mock.stop()
    }

    static func exercise(_ mock: MockServer) async throws {
        let session = URLSession(configuration: .ephemeral)

        let chatURL = mock.baseURL.appendingPathComponent("v1/chat")
        let (chatData, chatResponse) = try await session.data(
            for: request("POST", chatURL, json: #"{"message":"Can you elaborate on that?"}"#))
        #expect((chatResponse as? HTTPURLResponse)?.statusCode == 200)
        // The version a bug report needs is on every answer.
        #expect(
            (chatResponse as? HTTPURLResponse)?.value(forHTTPHeaderField: "Server")
                == "sessions-mock/\(SessionsVersion.current)")
        let reply = try WireJSON.decode(KonnectChatMessage.self, from: Array(chatData))

        let listURL = try #require(URL(string: mock.baseURL.absoluteString + "/v1/sessions?limit=5"))
        let (listData, _) = try await session.data(for: request("GET", listURL))
        let list = try WireJSON.decode(KonnectSessionList.self, from: Array(listData))
        #expect(list.data.map(\.id) == [reply.sessionID])

        let big = #"{"message":""# + String(repeating: "x", count: 8192) + #""}"#
        let (bigData, bigResponse) = try await session.data(for: request("POST", chatURL, json: big))
        #expect((bigResponse as? HTTPURLResponse)?.statusCode == 413)
        let error = try WireJSON.decode(KonnectErrorBody.self, from: Array(bigData)).error
        #expect(error.status == 413)
        #expect(error.code == "payload_too_large")
    }
}
