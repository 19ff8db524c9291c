import Conformance
import HTTPServer
import JSONSchema
import Synchronization

/// Broken variants for the documented requirements the first set leaves uncovered: each one
/// breaks what a seed states, so `check` must fail (exit 1) and name it.
extension Mutation {
    static let documentedCID222: [Mutation] = [
        Mutation(
            name: "tenant API key accepted", api: .cid222,
            broken: ["CID-AUTH-API-KEY-401", "CID-AUTH-API-KEY-REFUSED"]
        ) { handler, credentials in
            MutationKit.accept(handler, as: credentials.token) { $0.hasPrefix("cid_key_") }
        },
        Mutation(
            name: "malformed token accepted", api: .cid222,
            broken: ["CID-AUTH-MALFORMED-401", "CID-AUTH-MALFORMED-REFUSED"]
        ) { handler, credentials in
            MutationKit.accept(handler, as: credentials.token) { $0 == "not-a-jwt" }
        },
        Mutation(
            name: "unsigned token accepted", api: .cid222,
            broken: ["CID-AUTH-ALG-401", "CID-AUTH-ALG-NONE-REFUSED"]
        ) { handler, credentials in
            MutationKit.accept(handler, as: credentials.token) { $0.hasSuffix(".") }
        },
        Mutation(
            name: "bad signature accepted", api: .cid222,
            broken: ["CID-AUTH-SIGNATURE-401", "CID-AUTH-SIGNATURE-REFUSED"]
        ) { handler, credentials in
            let token = credentials.token ?? ""
            let signed = String(token.split(separator: ".").prefix(2).joined(separator: "."))
            return MutationKit.accept(handler, as: credentials.token) {
                $0 != token && $0.hasPrefix(signed + ".")
            }
        },
        Mutation(name: "a new session already has tokens", api: .cid222, broken: ["CID-CREATE-EMPTY-SESSION"])
        { handler, _ in
            MutationKit.json(handler, when: { $0.method == "POST" && $0.path == "/sessions" }) { body, _ in
                body.update("token_usage") { $0.set("total_tokens", 5) }
            }
        },
        Mutation(name: "create needs a session_name", api: .cid222, broken: ["CID-CREATE-FIELDS-OPTIONAL"]) {
            handler, _ in
            MutationKit.answer(
                handler,
                when: { request in
                    request.method == "POST" && request.path == "/sessions"
                        && (try? JSONValue.parse(request.body))?["session_name"]?.stringValue == nil
                }
            ) { _, _ in
                .json(400, #"{"statusCode":400,"message":"session_name is required","error":"Bad Request"}"#)
            }
        },
        Mutation(
            name: "create answer without tenant_id", api: .cid222,
            broken: ["CID-CREATE-RESPONSE-SHAPE", "CID-CREATE-TENANT-ID"]
        ) { handler, _ in
            MutationKit.json(handler, when: { $0.method == "POST" && $0.path == "/sessions" }) { body, _ in
                body.remove("tenant_id")
            }
        },
        Mutation(name: "create picks a model", api: .cid222, broken: ["CID-CREATE-MODEL-PER-MESSAGE"]) {
            handler, _ in
            MutationKit.json(handler, when: { $0.method == "POST" && $0.path == "/sessions" }) { body, _ in
                body.set("model", "gpt-4o")
            }
        },
        Mutation(
            name: "each turn sees no earlier turn", api: .cid222,
            broken: [
                "CID-SEND-AUTO-CONTEXT", "CID-TOKENS-COST", "CID-TOKENS-COUNT-RULE", "CID-TOKENS-SESSION-SUM",
            ]
        ) { handler, _ in
            MutationKit.events(handler) { event in
                guard event["type"] == "context_usage" else { return }
                event.update("usage") { usage in
                    let output = usage["output_tokens"]?.intValue ?? 0
                    usage.set("input_tokens", 1)
                    usage.set("total_tokens", .int(1 + output))
                }
            }
        },
        Mutation(
            name: "GET loses the last reply", api: .cid222,
            broken: [
                "CID-CONTEXT-FULL-HISTORY", "CID-SEND-STORES-TURN", "CID-STREAM-DELTAS-JOIN",
                "CID-STREAM-ERROR-EVENT", "CID-STREAM-INPUT-REJECTED",
            ]
        ) { handler, _ in
            MutationKit.json(handler, when: { $0.method == "GET" && $0.isOneSession }) { body, _ in
                body.update("context") { context in
                    if let items = context.arrayValue, items.count >= 2, items.count <= 4 {
                        context = .array(Array(items.dropLast()))
                    }
                }
            }
        },
        Mutation(
            name: "an image attachment is refused", api: .cid222,
            broken: ["CID-SEND-IMAGE-ACCEPTED", "CID-SEND-STATUS-200"]
        ) { handler, _ in
            MutationKit.answer(
                handler,
                when: { request in
                    request.path.hasSuffix("/messages")
                        && (try? JSONValue.parse(request.body))?["imageBase64"] != nil
                }
            ) { _, _ in
                .json(400, #"{"statusCode":400,"message":"images are not supported","error":"Bad Request"}"#)
            }
        },
        Mutation(
            name: "a send without content is answered", api: .cid222,
            broken: [
                "CID-VALIDATION-CONTENT-REQUIRED", "CID-VALIDATION-NOTHING-STORED",
                "CID-VALIDATION-STATUS-400",
            ]
        ) { handler, _ in
            MutationKit.requestJSON(handler, when: { $0.path.hasSuffix("/messages") }) { body in
                if body["content"] == nil { body.set("content", "hello") }
            }
        },
        Mutation(
            name: "a send without model is answered", api: .cid222,
            broken: [
                "CID-VALIDATION-MODEL-REQUIRED", "CID-VALIDATION-NOTHING-STORED", "CID-VALIDATION-STATUS-400",
            ]
        ) { handler, _ in
            MutationKit.requestJSON(handler, when: { $0.path.hasSuffix("/messages") }) { body in
                if body["model"] == nil { body.set("model", "gpt-4o") }
            }
        },
        Mutation(
            name: "any provider is accepted", api: .cid222,
            broken: [
                "CID-VALIDATION-NOTHING-STORED", "CID-VALIDATION-PROVIDER-ENUM", "CID-VALIDATION-STATUS-400",
            ]
        ) { handler, _ in
            MutationKit.requestJSON(handler, when: { $0.path.hasSuffix("/messages") }) { body in
                if body["provider"] == "acme" { body.set("provider", "openai") }
            }
        },
        Mutation(
            name: "a text temperature is accepted", api: .cid222,
            broken: [
                "CID-VALIDATION-NOTHING-STORED", "CID-VALIDATION-SAMPLING-NUMBERS",
                "CID-VALIDATION-STATUS-400",
            ]
        ) { handler, _ in
            MutationKit.requestJSON(handler, when: { $0.path.hasSuffix("/messages") }) { body in
                if body["temperature"]?.stringValue != nil { body.set("temperature", 0.5) }
            }
        },
        Mutation(
            name: "deltas renamed", api: .cid222,
            broken: [
                "CID-CONTEXT-SUMMARIZE-OVER-LIMIT", "CID-SEND-IMAGE-ACCEPTED",
                "CID-STREAM-CONTENT-BLOCK-DELTA", "CID-STREAM-DELTAS-JOIN", "CID-STREAM-ORDER",
            ]
        ) { handler, _ in
            MutationKit.events(handler) { event in
                if event["type"] == "content_block_delta" { event.set("type", "text_chunk") }
            }
        },
        Mutation(name: "no context_usage", api: .cid222, broken: ["CID-STREAM-CONTEXT-USAGE"]) { handler, _ in
            MutationKit.stream(handler) { payloads in payloads.filter { !$0.contains("\"context_usage\"") } }
        },
        Mutation(
            name: "a summarized turn fails", api: .cid222,
            broken: ["CID-CONTEXT-SUMMARIZE-OVER-LIMIT", "CID-STREAM-MESSAGE-STOP", "CID-STREAM-ORDER"]
        ) { handler, _ in
            MutationKit.stream(handler) { payloads in
                guard payloads.contains(where: { $0.contains("\"summarized\":true") }) else {
                    return payloads
                }
                return [#"{"error":{"message":"context too long","type":"context_length"},"type":"error"}"#]
            }
        },
        Mutation(
            name: "token usage stuck at one turn", api: .cid222,
            broken: ["CID-STREAM-INPUT-REJECTED", "CID-TOKENS-CUMULATIVE", "CID-TOKENS-SESSION-SUM"]
        ) { handler, _ in
            MutationKit.json(handler, when: { $0.method == "GET" && $0.isOneSession }) { body, _ in
                body.update("token_usage") { usage in
                    if (usage["total_tokens"]?.intValue ?? 0) > 0 { usage.set("total_tokens", 1) }
                }
            }
        },
        Mutation(name: "cost goes down", api: .cid222, broken: ["CID-TOKENS-NON-DECREASING"]) { handler, _ in
            MutationKit.json(handler, when: { $0.method == "GET" && $0.isOneSession }) { body, _ in
                body.update("token_usage") { usage in
                    let tokens = Double(usage["total_tokens"]?.intValue ?? 0)
                    usage.set("total_cost", .double(max(0, 100 - tokens / 100)))
                }
            }
        },
        Mutation(
            name: "the list shows another tenant's sessions", api: .cid222, broken: ["CID-LIST-TENANT-SCOPE"]
        ) {
            handler, credentials in
            MutationKit.answer(handler, when: \.isList) { request, handler in
                var other = request
                other.headers.set("Authorization", "Bearer \(credentials.tokenB ?? "")")
                let mine = await handler(request)
                guard request.headers["Authorization"] != other.headers["Authorization"],
                    let items = MutationKit.body(of: mine)?.arrayValue,
                    let theirs = MutationKit.body(of: await handler(other))?.arrayValue
                else { return mine }
                return .json(200, JSONValue.array(items + theirs).serialized(sortedKeys: true))
            }
        },
        Mutation(
            name: "GET without created_at", api: .cid222,
            broken: ["CID-GET-CONTEXT-ENTRIES", "CID-GET-SHAPE"]
        ) { handler, _ in
            MutationKit.json(handler, when: { $0.method == "GET" && $0.isOneSession }) { body, _ in
                body.remove("created_at")
            }
        },
        Mutation(
            name: "context roles renamed", api: .cid222,
            broken: [
                "CID-CONTEXT-FULL-HISTORY", "CID-CONTEXT-HISTORY-KEPT", "CID-GET-CONTEXT-ENTRIES",
                "CID-GET-SHAPE", "CID-SEND-STORES-TURN",
            ]
        ) { handler, _ in
            MutationKit.json(handler, when: { $0.method == "GET" && $0.isOneSession }) { body, _ in
                body.update("context") { context in
                    context.updateEach { entry in if entry["role"] == "user" { entry.set("role", "human") } }
                }
            }
        },
        Mutation(name: "updated_at before created_at", api: .cid222, broken: ["CID-GET-UPDATED-AT"]) {
            handler, _ in
            MutationKit.json(handler, when: { $0.method == "GET" && $0.isOneSession }) { body, _ in
                body.set("updated_at", "2000-01-01T00:00:00Z")
            }
        },
        Mutation(
            name: "delete keeps the session", api: .cid222,
            broken: ["CID-DELETE-REMOVES", "CID-DELETE-THEN-404", "CID-DELETE-UNLISTED"]
        ) { handler, _ in
            MutationKit.answer(handler, when: { $0.method == "DELETE" }) { request, handler in
                var read = request
                read.method = "GET"
                let found = await handler(read)
                return found.status == 200 ? HTTPResponse(status: 204) : found
            }
        },
        Mutation(
            name: "timestamps as Unix seconds", api: .cid222,
            broken: [
                "CID-CREATE-RESPONSE-SHAPE", "CID-CREATE-TIMESTAMPS", "CID-GET-UPDATED-AT", "CID-TIME-FORMAT",
                "CID-TIME-UTC-Z",
            ]
        ) { handler, _ in
            MutationKit.json(handler, when: { $0.method == "POST" && $0.path == "/sessions" }) { body, _ in
                body.set("created_at", "1768473000")
            }
        },
    ]
}
