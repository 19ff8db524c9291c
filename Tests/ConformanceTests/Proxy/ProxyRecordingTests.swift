import Conformance
import Foundation
import JSONSchema
import MockServer
import SessionsAPI
import Synchronization
import Testing

/// `--record` writes transcripts `serve --replay` serves back, and no credential reaches a
/// printed line, a report or a recording.
@Suite struct ProxyRecordingTests {
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("proxy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func files(under directory: URL) -> [String] {
        let walker = FileManager.default.enumerator(atPath: directory.path)
        var texts: [String] = []
        while let relative = walker?.nextObject() as? String {
            let path = directory.appendingPathComponent(relative).path
            if let data = FileManager.default.contents(atPath: path) {
                texts.append(String(decoding: data, as: UTF8.self))
            }
        }
        return texts
    }

    @Test func noCredentialIsPrintedReportedOrRecorded() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let printed = Mutex<[String]>([])
        let harness = try await ProxyHarness.start(
            record: directory, announce: { deviation in printed.withLock { $0.append(deviation.line) } })
        let outcome = await Result { try await harness.checkThroughProxy(APIKind.allCases) }
        let report = harness.proxy.report()
        await harness.stop()
        _ = try outcome.get()
        let credentials = harness.credentials
        let secrets = [
            credentials.token, credentials.tokenB, credentials.expiredToken, credentials.claimlessToken,
            credentials.apiKey, credentials.apiKeyB,
        ].compactMap { $0 }
        // A JWT's signature is the part no other token shares.
        let signatures = secrets.compactMap {
            $0.split(separator: ".").count == 3 ? $0.split(separator: ".").last : nil
        }
        let recorded = Self.files(under: directory)
        #expect(!recorded.isEmpty)
        #expect(!printed.withLock { $0 }.isEmpty)
        let everything =
            printed.withLock { $0 } + recorded + [
                String(decoding: report.encoded(), as: UTF8.self), JUnitWriter.xml(report.report),
            ]
        for text in everything {
            for secret in secrets { #expect(!text.contains(secret)) }
            for signature in signatures { #expect(!text.contains(signature)) }
        }
    }

    @Test func recordedTrafficIsServedBackByReplay() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let harness = try await ProxyHarness.start(record: directory)
        let key = WireHeader(name: "Authorization", value: "Bearer \(harness.credentials.apiKey ?? "")")
        let token = WireHeader(name: "Authorization", value: "Bearer \(harness.credentials.token ?? "")")
        let json = WireHeader(name: "Content-Type", value: "application/json")
        let outcome = await Result { () async throws -> (String, WireResponse, String, WireResponse) in
            let client = URLSessionTransport(baseURL: harness.proxyURL, timeout: 30)
            let chat = try await client.send(
                WireRequest(
                    method: "POST", target: "/v1/chat", headers: [key, json],
                    body: Array(#"{"message":"Remember me"}"#.utf8)))
            let id = try #require(try JSONValue.parse(chat.body)["session_id"]?.stringValue)
            let read = try await client.send(
                WireRequest(method: "GET", target: "/v1/sessions/\(id)", headers: [key]))
            let created = try await client.send(
                WireRequest(
                    method: "POST", target: "/sessions", headers: [token, json], body: Array("{}".utf8)))
            let sid = try #require(try JSONValue.parse(created.body)["id"]?.stringValue)
            let streamed = try await client.send(
                WireRequest(
                    method: "POST", target: "/sessions/\(sid)/messages", headers: [token, json],
                    body: Array(#"{"content":"Stream it back","model":"gpt-4o"}"#.utf8)))
            return (id, read, sid, streamed)
        }
        await harness.stop()
        let (id, read, sid, streamed) = try outcome.get()
        var options = MockOptions()
        options.replay = ReplaySettings(path: directory.path)
        let replay = try await MockServer.start(port: 0, options: options)
        let replayed = await Result { () async throws -> (WireResponse, WireResponse) in
            let client = URLSessionTransport(baseURL: replay.baseURL, timeout: 30)
            let again = try await client.send(
                WireRequest(method: "GET", target: "/v1/sessions/\(id)", headers: [key]))
            let stream = try await client.send(
                WireRequest(
                    method: "POST", target: "/sessions/\(sid)/messages", headers: [token, json],
                    body: Array(#"{"content":"Stream it back","model":"gpt-4o"}"#.utf8)))
            return (again, stream)
        }
        await replay.stop()
        let (again, stream) = try replayed.get()
        #expect(again.status == 200)
        #expect(again.body == read.body)
        #expect(stream.mediaType == "text/event-stream")
        #expect(stream.body == streamed.body)
    }
}
