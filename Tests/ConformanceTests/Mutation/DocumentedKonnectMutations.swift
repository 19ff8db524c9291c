import Conformance
import Foundation
import HTTPServer
import JSONSchema
import Synchronization

extension Mutation {
    static let documentedKonnect: [Mutation] = [
        Mutation(
            name: "an unknown key is accepted", api: .konnect,
            broken: [
                "KON-AUTH-KEY-FORMAT", "KON-AUTH-MALFORMED-401", "KON-AUTH-UNKNOWN-401",
                "KON-AUTH-UNKNOWN-REFUSED", "KON-ERROR-REJECTED-NO-CHANGE",
            ]
        ) { handler, credentials in
            let key = credentials.apiKey ?? ""
            return MutationKit.accept(handler, as: credentials.apiKey) {
                $0 != key && $0 != credentials.apiKeyB
            }
        },
        Mutation(
            name: "the list shows another user's sessions", api: .konnect, broken: ["KON-LIST-USER-SCOPE"]
        ) {
            handler, credentials in
            MutationKit.answer(handler, when: \.isList) { request, handler in
                var other = request
                other.headers.set("Authorization", "Bearer \(credentials.apiKeyB ?? "")")
                let mine = await handler(request)
                guard request.headers["Authorization"] != other.headers["Authorization"],
                    var body = MutationKit.body(of: mine), let items = body["data"]?.arrayValue,
                    let theirs = MutationKit.body(of: await handler(other))?["data"]?.arrayValue
                else { return mine }
                body.set("data", .array(items + theirs.prefix(1)))
                return .json(200, body.serialized(sortedKeys: true))
            }
        },
        Mutation(
            name: "list object named sessions", api: .konnect,
            broken: ["KON-LIST-MODE-ENUM", "KON-LIST-SHAPE", "KON-LIST-SUMMARY-FIELDS"]
        ) { handler, _ in
            MutationKit.json(handler, when: \.isList) { body, _ in body.set("object", "sessions") }
        },
        Mutation(
            name: "list entries without mode", api: .konnect,
            broken: ["KON-LIST-MODE-ENUM", "KON-LIST-SHAPE", "KON-LIST-SUMMARY-FIELDS"]
        ) { handler, _ in
            MutationKit.json(handler, when: \.isList) { body, _ in
                body.update("data") { data in
                    data.updateEach { entry in
                        entry.remove("mode")
                    }
                }
            }
        },
        Mutation(name: "message_count halves", api: .konnect, broken: ["KON-LIST-MESSAGE-COUNT"]) {
            handler, _ in
            MutationKit.json(handler, when: { $0.isList || $0.method == "PATCH" }) { body, _ in
                func halve(_ entry: inout JSONValue) {
                    entry.update("message_count") { $0 = .int(($0.intValue ?? 0) / 2) }
                }
                halve(&body)
                body.update("data") { $0.updateEach(halve) }
            }
        },
        Mutation(
            name: "a limit serves one fewer", api: .konnect,
            broken: ["KON-LIST-HAS-MORE", "KON-LIST-LIMIT-HONOURED", "KON-LIST-OFFSET-SKIPS"]
        ) { handler, _ in
            MutationKit.request(handler) { request in
                guard request.isList, let limit = request.query("limit").flatMap(Int.init), limit > 1,
                    limit <= 100
                else { return }
                request.queryItems =
                    request.queryItems.filter { $0.name != "limit" } + [
                        QueryItem(name: "limit", value: String(limit - 1))
                    ]
            }
        },
        Mutation(
            name: "no offset skips the newest", api: .konnect,
            broken: ["KON-LIST-DEFAULT-OFFSET", "KON-LIST-ORDER"]
        ) { handler, _ in
            MutationKit.request(handler) { request in
                if request.isList, request.query("offset") == nil, request.query("limit") == nil {
                    request.queryItems.append(QueryItem(name: "offset", value: "1"))
                }
            }
        },
        Mutation(name: "a limit above 100 is served in full", api: .konnect, broken: ["KON-LIST-MAX-LIMIT"]) {
            handler, _ in
            MutationKit.answer(
                handler, when: { $0.isList && ($0.query("limit").flatMap(Int.init) ?? 0) > 100 }
            ) { request, handler in
                let wanted = request.query("limit").flatMap(Int.init) ?? 0
                var items: [JSONValue] = []
                var body = JSONValue.null
                while items.count < wanted {
                    var page = request
                    page.queryItems = [
                        QueryItem(name: "limit", value: "100"),
                        QueryItem(name: "offset", value: String(items.count)),
                    ]
                    guard let answer = MutationKit.body(of: await handler(page)),
                        let data = answer["data"]?.arrayValue, !data.isEmpty
                    else { break }
                    body = answer
                    items += data
                }
                body.set("data", .array(Array(items.prefix(wanted))))
                body.set("has_more", .bool((body["total"]?.intValue ?? 0) > wanted))
                return .json(200, body.serialized(sortedKeys: true))
            }
        },
        Mutation(
            name: "offset ignored", api: .konnect,
            broken: [
                "KON-LIST-HAS-MORE", "KON-LIST-LIMIT-HONOURED", "KON-LIST-OFFSET-PAST-END",
                "KON-LIST-OFFSET-SKIPS",
            ]
        ) { handler, _ in
            MutationKit.request(handler) { request in
                if request.isList, let offset = request.query("offset").flatMap(Int.init), offset > 0,
                    offset < 1000
                {
                    request.queryItems = request.queryItems.filter { $0.name != "offset" }
                }
            }
        },
        Mutation(
            name: "GET shows only the last two messages", api: .konnect,
            broken: [
                "KON-CHAT-APPENDS", "KON-CHAT-CONTINUE", "KON-CHAT-REPLY-STORED", "KON-GET-MESSAGES",
                "KON-GET-MESSAGE-ORDER", "KON-LIST-MESSAGE-COUNT",
            ]
        ) { handler, _ in
            MutationKit.json(handler, when: { $0.method == "GET" && $0.isOneSession }) { body, _ in
                body.update("messages") { messages in
                    if let items = messages.arrayValue, items.count > 2 {
                        messages = .array(Array(items.suffix(2)))
                    }
                }
            }
        },
        Mutation(
            name: "GET without mode", api: .konnect,
            broken: [
                "KON-CHAT-DEFAULT-MODE", "KON-CHAT-MODE-PER-TURN", "KON-GET-MESSAGE-FIELDS", "KON-GET-SHAPE",
                "KON-LIST-MODE-ENUM",
            ]
        ) { handler, _ in
            MutationKit.json(handler, when: { $0.method == "GET" && $0.isOneSession }) { body, _ in
                body.remove("mode")
            }
        },
        Mutation(
            name: "messages without created_at", api: .konnect,
            broken: ["KON-GET-MESSAGE-FIELDS", "KON-GET-SHAPE"]
        ) { handler, _ in
            MutationKit.json(handler, when: { $0.method == "GET" && $0.isOneSession }) { body, _ in
                body.update("messages") { messages in
                    messages.updateEach { message in
                        message.remove("created_at")
                    }
                }
            }
        },
        Mutation(name: "replies without models_used", api: .konnect, broken: ["KON-GET-MODELS-USED"]) {
            handler, _ in
            MutationKit.json(handler, when: { $0.method == "GET" && $0.isOneSession }) { body, _ in
                body.update("messages") { messages in
                    messages.updateEach { message in
                        message.remove("models_used")
                    }
                }
            }
        },
        Mutation(
            name: "PATCH ignores the title", api: .konnect,
            broken: [
                "KON-ERROR-REJECTED-NO-CHANGE", "KON-PATCH-PERSISTS", "KON-PATCH-REJECTED-NO-CHANGE",
                "KON-PATCH-TITLE",
            ]
        ) { handler, _ in
            MutationKit.requestJSON(handler, when: { $0.method == "PATCH" }) { body in
                if body["title"]?.stringValue?.hasPrefix("Renamed") == true { body.set("title", "Unchanged") }
            }
        },
        Mutation(name: "PATCH answer without mode", api: .konnect, broken: ["KON-PATCH-RESPONSE-SHAPE"]) {
            handler, _ in
            MutationKit.json(handler, when: { $0.method == "PATCH" }) { body, _ in
                body.remove("mode")
            }
        },
        Mutation(name: "PATCH rewrites created_at", api: .konnect, broken: ["KON-PATCH-CREATED-AT-UNCHANGED"])
        { handler, _ in
            MutationKit.json(handler, when: { $0.method == "PATCH" }) { body, _ in
                if let updated = body["updated_at"] { body.set("created_at", updated) }
            }
        },
        Mutation(
            name: "a second PATCH adds a message", api: .konnect,
            broken: ["KON-LIST-MESSAGE-COUNT", "KON-PATCH-MESSAGE-COUNT-UNCHANGED"]
        ) { handler, _ in
            let patches = Mutex(0)
            return MutationKit.json(handler, when: { $0.method == "PATCH" }) { body, _ in
                let earlier = patches.withLock { count in
                    defer { count += 1 }
                    return count
                }
                body.update("message_count") { $0 = .int(($0.intValue ?? 0) + earlier) }
            }
        },
        Mutation(
            name: "PATCH is not stored", api: .konnect,
            broken: [
                "KON-ERROR-REJECTED-NO-CHANGE", "KON-PATCH-PERSISTS", "KON-PATCH-REJECTED-NO-CHANGE",
                "KON-PATCH-UNKNOWN-FIELD-400", "KON-PATCH-UPDATED-AT",
            ]
        ) { handler, _ in
            MutationKit.answer(handler, when: { $0.method == "PATCH" }) { request, handler in
                guard let title = (try? JSONValue.parse(request.body))?["title"]?.stringValue,
                    !title.trimmingCharacters(in: .whitespaces).isEmpty
                else { return await handler(request) }
                var read = request
                read.method = "GET"
                read.body = []
                let found = await handler(read)
                guard found.status == 200, var session = MutationKit.body(of: found) else { return found }
                session.set("title", .string(title))
                session.set("updated_at", "2099-01-01T00:00:00Z")
                let count = session["messages"]?.arrayValue?.count ?? 0
                session.set("message_count", .int(count))
                return .json(200, session.serialized(sortedKeys: true))
            }
        },
        Mutation(
            name: "delete keeps the session", api: .konnect,
            broken: ["KON-DELETE-REMOVES", "KON-DELETE-THEN-404", "KON-DELETE-UNLISTED"]
        ) { handler, _ in
            MutationKit.answer(handler, when: { $0.method == "DELETE" }) { request, handler in
                var read = request
                read.method = "GET"
                let found = await handler(read)
                guard found.status == 200, let id = request.path.split(separator: "/").last else {
                    return found
                }
                return .json(200, #"{"deleted":true,"id":"\#(id)","object":"session.deleted"}"#)
            }
        },
        Mutation(
            name: "a chat with session_id starts a new session", api: .konnect,
            broken: [
                "KON-CHAT-APPENDS", "KON-CHAT-CONTINUE", "KON-CHAT-REPLY-STORED", "KON-CHAT-UPDATED-AT",
                "KON-GET-MESSAGES", "KON-GET-MESSAGE-ORDER",
            ]
        ) {
            handler, _ in
            MutationKit.requestJSON(handler, when: { $0.path == "/v1/chat" }) { body in
                if body["message"] == "Can you elaborate on that?" {
                    body.remove("session_id")
                }
            }
        },
        Mutation(
            name: "timestamps with slashes", api: .konnect,
            broken: ["KON-CHAT-RESPONSE-SHAPE", "KON-TIME-FORMAT", "KON-TIME-UTC-Z"]
        ) { handler, _ in
            MutationKit.json(handler, when: { $0.method == "POST" && $0.path == "/v1/chat" }) { body, _ in
                body.set("created_at", "2025/01/15 10:30:00")
            }
        },
    ]
}
