import Foundation
import HTTPServer
import MockServer
import SessionsAPI

/// Builds transcripts as JSON text, the way the recorder writes them.
enum ReplayFixture {
    static func exchange(
        step: String, iteration: Int = 0, method: String, target: String, requestHeaders: String = "[]",
        requestBody: String? = nil, status: Int,
        responseHeaders: String =
            #"[{"name":"Content-Type","value":"application/json"}]"#, body: String? = nil,
        chunks: [String]? = nil
    ) -> String {
        func quoted(_ text: String) -> String {
            String(decoding: (try? JSONEncoder().encode(text)) ?? Data(), as: UTF8.self)
        }
        var request =
            #"{"method":\#(quoted(method)),"target":\#(quoted(target)),"headers":\#(requestHeaders)"#
        if let requestBody { request += #","body":\#(quoted(requestBody))"# }
        var response = #"{"status":\#(status),"headers":\#(responseHeaders)"#
        if let body { response += #","body":\#(quoted(body))"# }
        if let chunks { response += #","chunks":[\#(chunks.map(quoted).joined(separator: ","))]"# }
        return
            #"{"step":\#(quoted(step)),"iteration":\#(iteration),"request":\#(request)},"response":\#(response)}}"#
    }

    static func transcript(_ scenario: String, api: String = "konnect", _ exchanges: [String]) -> String {
        #"{"scenario":"\#(scenario)","api":"\#(api)","exchanges":[\#(exchanges.joined(separator: ","))]}"#
    }

    static func library(_ transcripts: [String]) throws -> ReplayLibrary {
        ReplayLibrary(
            transcripts: try transcripts.enumerated().map { index, text in
                ("t\(index).json", try JSONDecoder().decode(Transcript.self, from: Data(text.utf8)))
            })
    }

    /// A replaying handler over `transcripts`, as `serve --replay` builds it.
    static func handler(_ transcripts: [String]) throws -> HTTPHandler {
        let player = ReplayPlayer(library: try library(transcripts))
        return MockServer.makeHandler(environment: MockEnvironment(options: MockOptions()), replay: player)
    }

    static func temporaryDirectory(files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "replay-\(UUID().uuidString)")
        for (name, text) in files {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root
    }
}

extension HTTPResponse {
    /// The body of a non-streamed response as text.
    var text: String {
        if case .bytes(let bytes) = body { return String(decoding: bytes, as: UTF8.self) }
        return ""
    }
}

func request(
    _ method: String, _ target: String, body: String? = nil, headers: [(String, String)] = []
) -> HTTPRequest {
    HTTPRequest(method: method, target: target, headers: HTTPHeaders(headers), body: Array((body ?? "").utf8))
}
