import Conformance
import Foundation
import HTTPServer
import JSONSchema

/// One deliberately broken variant of the mock, and the requirements a run must name.
struct Mutation: Sendable, CustomStringConvertible {
    var name: String
    var api: APIKind
    /// Exactly the requirement ids the runner must report (failed or warned).
    var broken: Set<String>
    var wrap: @Sendable (@escaping HTTPHandler, Credentials) -> HTTPHandler

    var description: String { name }
}

extension Mutation {
    static let all: [Mutation] = konnect + cid222 + documentedKonnect + documentedCID222

    static let konnect: [Mutation] = [
        Mutation(name: "default limit 10", api: .konnect, broken: ["KON-LIST-DEFAULT-LIMIT"]) { handler, _ in
            MutationKit.request(handler) { request in
                if request.isList, request.query("limit") == nil {
                    request.queryItems.append(QueryItem(name: "limit", value: "10"))
                }
            }
        },
        Mutation(name: "has_more off by one", api: .konnect, broken: ["KON-LIST-HAS-MORE"]) { handler, _ in
            MutationKit.json(handler, when: \.isList) { body, request in
                let offset = Int(request.query("offset") ?? "0") ?? 0
                let count = body["data"]?.arrayValue?.count ?? 0
                if count > 0, offset + count == body["total"]?.intValue { body.set("has_more", true) }
            }
        },
        Mutation(name: "total counts one more", api: .konnect, broken: ["KON-LIST-TOTAL"]) { handler, _ in
            MutationKit.json(handler, when: \.isList) { body, _ in
                body.update("total") { $0 = .int(($0.intValue ?? 0) + 1) }
            }
        },
        Mutation(name: "list oldest first", api: .konnect, broken: ["KON-LIST-ORDER"]) { handler, _ in
            MutationKit.oldestFirstPages(handler)
        },
        Mutation(name: "limit 0 accepted", api: .konnect, broken: ["KON-LIST-LIMIT-RANGE-400"]) {
            handler, _ in
            MutationKit.request(handler) { request in
                if request.isList, request.query("limit") == "0" {
                    request.queryItems = request.queryItems.filter { $0.name != "limit" }
                }
            }
        },
        Mutation(name: "PATCH keeps updated_at", api: .konnect, broken: ["KON-PATCH-UPDATED-AT"]) {
            handler, _ in
            MutationKit.json(handler, when: { $0.method == "PATCH" }) { body, _ in
                if let created = body["created_at"] { body.set("updated_at", created) }
            }
        },
        Mutation(name: "delete says deleted false", api: .konnect, broken: ["KON-DELETE-RESPONSE"]) {
            handler, _ in
            MutationKit.json(handler, when: { $0.method == "DELETE" }) { body, _ in
                body.set("deleted", false)
            }
        },
        Mutation(
            name: "another user's session readable", api: .konnect,
            broken: ["KON-AUTH-OTHER-USER-404", "KON-AUTH-OTHER-USER-HIDDEN"]
        ) {
            handler, credentials in
            MutationKit.readAs(
                handler, "Bearer \(credentials.apiKey ?? "")", when: "Bearer \(credentials.apiKeyB ?? "")")
        },
        Mutation(
            name: "200 instead of 401 without a key", api: .konnect,
            broken: ["KON-AUTH-MISSING-401", "KON-AUTH-BEARER", "KON-ERROR-REJECTED-NO-CHANGE"]
        ) {
            handler, credentials in
            MutationKit.request(handler) { request in
                if request.headers["Authorization"] == nil {
                    request.headers.set("Authorization", "Bearer \(credentials.apiKey ?? "")")
                }
            }
        },
        Mutation(name: "default mode ensemble", api: .konnect, broken: ["KON-CHAT-DEFAULT-MODE"]) {
            handler, _ in
            MutationKit.json(handler, when: { $0.method == "POST" && $0.path == "/v1/chat" }) { body, _ in
                if body["mode"] == "smart_chat" { body.set("mode", "ensemble") }
            }
        },
        Mutation(name: "message ids without msg_", api: .konnect, broken: ["KON-ID-PREFIXES"]) { handler, _ in
            MutationKit.json(handler, when: { $0.path.hasPrefix("/v1/") }) { body, _ in
                body.rewriteStrings { $0.hasPrefix("msg_") ? "m_" + $0.dropFirst(4) : $0 }
            }
        },
        Mutation(name: "timestamps with an offset instead of Z", api: .konnect, broken: ["KON-TIME-UTC-Z"]) {
            handler, _ in
            MutationKit.json(handler, when: { $0.method == "POST" && $0.path == "/v1/chat" }) { body, _ in
                body.update("created_at") { time in
                    time = .string((time.stringValue ?? "").replacingOccurrences(of: "Z", with: "+00:00"))
                }
            }
        },
    ]

    static let cid222: [Mutation] = [
        Mutation(
            name: "no message_stop", api: .cid222, broken: ["CID-STREAM-MESSAGE-STOP", "CID-STREAM-ORDER"]
        ) { handler, _ in
            MutationKit.stream(handler) { payloads in payloads.filter { !$0.contains("\"message_stop\"") } }
        },
        Mutation(name: "deltas that don't join", api: .cid222, broken: ["CID-STREAM-DELTAS-JOIN"]) {
            handler, _ in
            MutationKit.events(handler) { event in
                if event["type"] == "content_block_delta" {
                    event.update("delta") { delta in
                        delta.update("text") { $0 = .string(($0.stringValue ?? "") + "~") }
                    }
                }
            }
        },
        Mutation(name: "wrong Content-Type on streams", api: .cid222, broken: ["CID-SEND-STREAM"]) {
            handler, _ in
            MutationKit.response(handler, when: { $0.path.hasSuffix("/messages") }) { response in
                if response.body.streamBody != nil { response.headers.set("Content-Type", "text/plain") }
            }
        },
        Mutation(name: "no Cache-Control on streams", api: .cid222, broken: ["CID-SEND-CACHE-CONTROL"]) {
            handler, _ in
            MutationKit.response(handler, when: { $0.path.hasSuffix("/messages") }) { response in
                response.headers.remove("Cache-Control")
            }
        },
        Mutation(
            name: "session usage not cumulative", api: .cid222,
            broken: ["CID-TOKENS-SESSION-SUM"]
        ) {
            handler, _ in
            MutationKit.events(handler) { event in
                guard event["type"] == "context_usage", let turn = event["usage"]?["total_tokens"] else {
                    return
                }
                event.update("session_usage") { $0.set("total_tokens", turn) }
            }
        },
        Mutation(name: "context over its limit", api: .cid222, broken: ["CID-CONTEXT-WITHIN-LIMIT"]) {
            handler, _ in
            MutationKit.events(handler) { event in
                guard event["type"] == "context_usage", let limit = event["context_limit"]?.intValue else {
                    return
                }
                event.set("context_tokens", .int(limit + 1))
            }
        },
        Mutation(
            name: "GET drops summarized history", api: .cid222,
            broken: ["CID-CONTEXT-FULL-HISTORY", "CID-CONTEXT-HISTORY-KEPT"]
        ) {
            handler, _ in
            MutationKit.json(handler, when: { $0.method == "GET" && $0.isOneSession }) { body, _ in
                body.update("context") { context in
                    if let items = context.arrayValue, items.count > 6 {
                        context = .array(Array(items.dropFirst(2)))
                    }
                }
            }
        },
        Mutation(
            name: "another tenant's session readable", api: .cid222,
            broken: ["CID-AUTH-OTHER-TENANT-404", "CID-AUTH-OTHER-TENANT-HIDDEN"]
        ) {
            handler, credentials in
            MutationKit.readAs(
                handler, "Bearer \(credentials.token ?? "")", when: "Bearer \(credentials.tokenB ?? "")")
        },
        Mutation(
            name: "expired token accepted", api: .cid222,
            broken: ["CID-AUTH-EXPIRED-401", "CID-AUTH-EXPIRED-REFUSED"]
        ) {
            handler, credentials in
            MutationKit.request(handler) { request in
                if request.headers["Authorization"] == "Bearer \(credentials.expiredToken ?? "")" {
                    request.headers.set("Authorization", "Bearer \(credentials.token ?? "")")
                }
            }
        },
        Mutation(
            name: "200 instead of 401 without a token", api: .cid222,
            broken: ["CID-AUTH-MISSING-401", "CID-AUTH-BEARER-JWT"]
        ) {
            handler, credentials in
            MutationKit.request(handler) { request in
                if request.headers["Authorization"] == nil {
                    request.headers.set("Authorization", "Bearer \(credentials.token ?? "")")
                }
            }
        },
        Mutation(name: "list oldest first", api: .cid222, broken: ["CID-LIST-ORDER", "CID-LIST-ORDER-TIE"]) {
            handler, _ in
            MutationKit.json(handler, when: \.isList) { body, _ in
                if let items = body.arrayValue { body = .array(items.reversed()) }
            }
        },
        Mutation(name: "create drops session_name", api: .cid222, broken: ["CID-CREATE-ECHO-FIELDS"]) {
            handler, _ in
            MutationKit.json(handler, when: { $0.method == "POST" && $0.path == "/sessions" }) { body, _ in
                if body["session_name"] != nil { body.set("session_name", .null) }
            }
        },
    ]
}
