import JSONSchema
import SessionsAPI

/// Judges one answer on its own: status, OpenAPI response schema, timestamps and id
/// prefixes, and whether a request the client got wrong was refused. Relations between
/// answers are `CrossExchangeLedger`'s; event streams are `StreamGrammar`'s.
struct ResponseValidator: Sendable {
    let schemas: [APIKind: JSONSchemaDocument]

    func judge(operation: ProxyOperation, request: RequestFacts, status: Int, body: JSONValue?) -> VerdictList
    {
        var verdicts = VerdictList()
        guard let api = operation.api else { return verdicts }
        let query = request.query
        judgeRefusal(of: request.brokenByClient, status: status, into: &verdicts)
        ServerRefusalRules.judge(operation, request, status: status, body: body, into: &verdicts)
        if status >= 400 {
            let id = api == .cid222 ? "CID-ERROR-ENVELOPE" : "KON-ERROR-ENVELOPE"
            if let body {
                validate(body, as: "ErrorResponse", api: api, id: id, into: &verdicts)
            } else {
                verdicts.fail(id, expected: "a JSON error envelope", actual: "a body that is not JSON")
            }
            return verdicts
        }
        guard (200..<300).contains(status) else { return verdicts }
        judgeStatus(operation, status, into: &verdicts)
        if let body {
            judgeBody(operation, query: query, body: body, into: &verdicts)
            TimestampRules.judge(body, api: api, into: &verdicts)
        }
        return verdicts
    }

    /// A request that broke a requirement of its own must not be served: any 4xx keeps a
    /// documented "is required"; ids that name a status (`-400`) expect exactly that one.
    private func judgeRefusal(of broken: [String], status: Int, into verdicts: inout VerdictList) {
        for id in broken {
            let named = Int(id.split(separator: "-").last ?? "")
            let refused = named.map { status == $0 } ?? (400..<500).contains(status)
            verdicts.check(
                id, refused, expected: named.map { "status \($0) for that request" } ?? "a 4xx refusal",
                actual: "status \(status)")
        }
    }

    private func judgeStatus(_ operation: ProxyOperation, _ status: Int, into verdicts: inout VerdictList) {
        switch operation {
        case .cidCreate:
            verdicts.check(
                "CID-CREATE-STATUS-201", [200, 201].contains(status), expected: "200 or 201",
                actual: "\(status)")
        case .cidDelete:
            verdicts.check(
                "CID-DELETE-STATUS-204", [200, 204].contains(status), expected: "204 or 200",
                actual: "\(status)")
        case .konnectList:
            verdicts.check("KON-LIST-STATUS-200", status == 200, expected: "200", actual: "\(status)")
        case .konnectPatch:
            verdicts.check("KON-PATCH-STATUS-200", status == 200, expected: "200", actual: "\(status)")
        case .konnectDelete:
            verdicts.check("KON-DELETE-STATUS-200", status == 200, expected: "200", actual: "\(status)")
        default: break
        }
    }

    private func judgeBody(
        _ operation: ProxyOperation, query: [String: String], body: JSONValue,
        into verdicts: inout VerdictList
    ) {
        switch operation {
        case .cidCreate:
            validate(body, as: "Session", api: .cid222, id: "CID-CREATE-RESPONSE-SHAPE", into: &verdicts)
            let usage = body["token_usage"]?["total_tokens"]?.doubleValue
            let context = body["context"]?.arrayValue?.count ?? 0
            verdicts.check(
                "CID-CREATE-EMPTY-SESSION", (usage ?? 0) == 0 && context == 0,
                expected: "no messages and zero tokens",
                actual: "total_tokens \(usage ?? 0), \(context) messages")
        case .cidList:
            guard let items = ListShapes.cidItems(body) else {
                verdicts.fail(
                    "CID-LIST-SHAPE", expected: "an array of sessions, or an object holding one",
                    actual: JSONAccess.brief(body))
                return
            }
            for (index, item) in items.enumerated() {
                validate(
                    item, as: "Session", api: .cid222, id: "CID-LIST-SHAPE", at: "item \(index)",
                    into: &verdicts)
            }
            ListShapes.judgeCIDOrder(items, into: &verdicts)
        case .cidGet:
            validate(
                body, as: "SessionDetail", api: .cid222, id: "CID-GET-SHAPE",
                refine: { $0.instancePath.hasPrefix("/context/") ? "CID-GET-CONTEXT-ENTRIES" : nil },
                into: &verdicts)
            judgeCIDUpdatedAt(body, into: &verdicts)
        case .konnectList:
            validate(
                body, as: "SessionList", api: .konnect, id: "KON-LIST-SHAPE",
                refine: { error in
                    guard error.instancePath.hasPrefix("/data/") else { return nil }
                    return error.instancePath.hasSuffix("/mode") && !error.schemaPath.hasSuffix("/type")
                        ? "KON-LIST-MODE-ENUM" : "KON-LIST-SUMMARY-FIELDS"
                }, into: &verdicts)
            ListShapes.judgeKonnectPage(body, query: query, into: &verdicts)
            IDPrefixes.judge(sessions: body["data"]?.arrayValue ?? [], into: &verdicts)
        case .konnectGet:
            validate(
                body, as: "Session", api: .konnect, id: "KON-GET-SHAPE",
                refine: { error in
                    guard error.instancePath.hasPrefix("/messages/") else { return nil }
                    return error.instancePath.contains("/models_used")
                        || error.message.contains("models_used")
                        ? "KON-GET-MODELS-USED" : "KON-GET-MESSAGE-FIELDS"
                }, into: &verdicts)
            IDPrefixes.judge(sessions: [body], into: &verdicts)
            if let count = body["message_count"]?.intValue, let messages = body["messages"]?.arrayValue {
                verdicts.check(
                    "KON-GET-MESSAGE-COUNT", count == messages.count,
                    expected: "message_count \(messages.count)",
                    actual: "\(count)")
            }
        case .konnectPatch:
            validate(
                body, as: "SessionSummary", api: .konnect, id: "KON-PATCH-RESPONSE-SHAPE", into: &verdicts)
        case .konnectDelete(let id):
            validate(body, as: "DeletedSession", api: .konnect, id: "KON-DELETE-RESPONSE", into: &verdicts)
            let holds =
                body["deleted"]?.boolValue == true && body["object"]?.stringValue == "session.deleted"
                && body["id"]?.stringValue == id
            verdicts.check(
                "KON-DELETE-RESPONSE", holds, expected: "id \(id), object session.deleted, deleted true",
                actual: JSONAccess.brief(body))
        case .konnectChat:
            validate(body, as: "ChatResponse", api: .konnect, id: "KON-CHAT-RESPONSE-SHAPE", into: &verdicts)
            if let id = body["id"]?.stringValue {
                verdicts.check("KON-ID-PREFIXES", id.hasPrefix("msg_"), expected: "a msg_ id", actual: id)
            }
            if let session = body["session_id"]?.stringValue {
                verdicts.check(
                    "KON-ID-PREFIXES", session.hasPrefix("sess_"), expected: "a sess_ id", actual: session)
            }
        case .cidDelete, .cidSend, .unknown:
            break
        }
    }

    /// `updated_at` never precedes `created_at` on a session answer.
    private func judgeCIDUpdatedAt(_ body: JSONValue, into verdicts: inout VerdictList) {
        guard let created = body["created_at"]?.stringValue.flatMap(Instant.parse),
            let updated = body["updated_at"]?.stringValue.flatMap(Instant.parse)
        else { return }
        verdicts.check(
            "CID-GET-UPDATED-AT", updated >= created, expected: "updated_at not before created_at",
            actual: "created_at \(created), updated_at \(updated)")
    }

    /// Validates against a component schema; every error is a deviation of `id` (or of the
    /// finer requirement `refine` names for the part it concerns), as `check`'s schema
    /// expectations report them.
    func validate(
        _ value: JSONValue, as schema: String, api: APIKind, id: String, at place: String? = nil,
        refine: (SchemaValidationError) -> String? = { _ in nil }, into verdicts: inout VerdictList
    ) {
        guard let document = schemas[api],
            let errors = try? document.validate(value, schemaAt: "/components/schemas/\(schema)")
        else { return }
        var byRequirement: [(String, [SchemaValidationError])] = []
        for error in errors {
            let named = refine(error) ?? id
            if let index = byRequirement.firstIndex(where: { $0.0 == named }) {
                byRequirement[index].1.append(error)
            } else {
                byRequirement.append((named, [error]))
            }
        }
        if !byRequirement.contains(where: { $0.0 == id }) { verdicts.pass(id) }
        let prefix = place.map { "\($0): " } ?? ""
        for (named, found) in byRequirement {
            let more = found.count > 1 ? " (and \(found.count - 1) more)" : ""
            verdicts.fail(
                named, expected: "a \(schema) (OpenAPI schema)", actual: "\(prefix)\(found[0])\(more)")
        }
    }
}
