import HTTPServer
import JSONSchema

/// The independent CID222 Sessions API: routing, auth, create, list, get and delete.
/// Message sends live in `IndependentCID222Send.swift`.
struct IndependentCID222: Sendable {
    let store = IndependentCID222Store()
    let verifier: IndependentJWT

    func respond(_ request: HTTPRequest) async -> HTTPResponse {
        let path = IndependentHTTP.segments(request.path)
        switch (request.method, path.count) {
        case ("GET", 1): return await authorized(request) { await list($0) }
        case ("POST", 1): return await authorized(request) { await create(request, $0) }
        case (_, 1): return notAllowed(["GET", "POST"])
        case ("GET", 2): return await authorized(request) { await read(path[1], $0) }
        case ("DELETE", 2): return await authorized(request) { await delete(path[1], $0) }
        case (_, 2): return notAllowed(["GET", "DELETE"])
        case ("POST", 3) where path[2] == "messages":
            return await authorized(request) { await send(request, sessionID: path[1], $0) }
        case (_, 3) where path[2] == "messages": return notAllowed(["POST"])
        default: return Self.error(404, "not_found", "no such resource")
        }
    }

    // Differs: the mock's error body is {statusCode, message, error, details} vs ours is
    // {"error": "<code>", "detail": "<text>"} plus `field` for a validation error; the seed
    // allows it because it shows no error body at all.
    static func error(_ status: Int, _ code: String, _ detail: String, field: String? = nil) -> HTTPResponse {
        var pairs: [(String, JSONValue)] = [("error", .string(code)), ("detail", .string(detail))]
        if let field { pairs.append(("field", .string(field))) }
        return IndependentHTTP.json(status, IndependentHTTP.object(pairs))
    }

    private func notAllowed(_ methods: [String]) -> HTTPResponse {
        IndependentHTTP.methodNotAllowed(
            Self.error(405, "method_not_allowed", "use one of " + methods.joined(separator: ", ")),
            allow: methods)
    }

    // Differs: the mock's challenge is only `Bearer realm="cid222"` vs ours adds RFC 6750's
    // `error="invalid_token"` and an `error_description` when a token was sent but refused;
    // the seed allows it because it says only that a user JWT is required.
    private func authorized(
        _ request: HTTPRequest, _ body: (IndependentJWT.Identity) async -> HTTPResponse
    ) async -> HTTPResponse {
        let now = IndependentTime.nowMillis() / 1000
        switch verifier.verify(authorization: request.headers["Authorization"], now: now) {
        case .success(let identity):
            return await body(identity)
        case .failure(let refusal):
            var response = Self.error(401, refusal.code, refusal.detail)
            let challenge =
                refusal.code == "missing_credentials"
                ? #"Bearer realm="cid222""#
                : #"Bearer realm="cid222", error="invalid_token", error_description="\#(refusal.detail)""#
            response.headers.set("WWW-Authenticate", challenge)
            return response
        }
    }

    /// The answer for a session that could not be used.
    static func unusable(_ lookup: IndependentCID222Store.Lookup) -> HTTPResponse {
        switch lookup {
        case .found, .missing: return error(404, "not_found", "no session with this id")
        case .gone: return error(410, "gone", "this session was deleted permanently")
        // Differs: the mock answers 404 for another tenant's session vs we answer 403; the
        // seed allows it because it never says what a foreign id gets, and 403 is RFC 9110's
        // answer for an authenticated caller without access.
        case .forbidden: return error(403, "forbidden", "this session belongs to another tenant")
        }
    }

    private func create(_ request: HTTPRequest, _ identity: IndependentJWT.Identity) async -> HTTPResponse {
        var fields = JSONObject()
        switch IndependentHTTP.body(of: request) {
        case .empty: break
        case .malformed(let reason):
            return Self.error(400, "malformed_json", "the body is not JSON: \(reason)")
        case .value(.object(let object)): fields = object
        case .value: return Self.error(422, "validation_failed", "the body must be a JSON object")
        }
        var strings: [String: String] = [:]
        for name in ["session_name", "user_id"] {
            switch fields[name] {
            case nil, .null?: continue
            case .string(let text)?: strings[name] = text
            default: return Self.error(422, "validation_failed", "\(name) must be a string", field: name)
            }
        }
        let session = await store.create(
            tenant: identity.tenant, userID: strings["user_id"], name: strings["session_name"])
        // Differs: the mock answers 201 Created vs we answer 200 OK; the seed allows it
        // because it shows the created session's body but no status code.
        return IndependentHTTP.json(200, Self.render(session, tenant: true, context: false))
    }

    private func list(_ identity: IndependentJWT.Identity) async -> HTTPResponse {
        let sessions = await store.list(tenant: identity.tenant)
        // Differs: the mock answers a bare JSON array vs we answer {"sessions": [...],
        // "count": N}; the seed allows it because it names no list body.
        return IndependentHTTP.json(
            200,
            IndependentHTTP.object([
                ("sessions", .array(sessions.map { Self.render($0, tenant: true, context: false) })),
                ("count", .int(sessions.count)),
            ]))
    }

    private func read(_ id: String, _ identity: IndependentJWT.Identity) async -> HTTPResponse {
        guard case .found(let session) = await store.lookup(id, tenant: identity.tenant) else {
            return Self.unusable(await store.lookup(id, tenant: identity.tenant))
        }
        // Differs: the mock adds tenant_id and user_id to GET vs we send exactly the fields
        // of the seed's GET example; the seed allows it because that example has neither.
        return IndependentHTTP.json(200, Self.render(session, tenant: false, context: true))
    }

    private func delete(_ id: String, _ identity: IndependentJWT.Identity) async -> HTTPResponse {
        let result = await store.delete(id, tenant: identity.tenant)
        guard case .found(let session) = result else { return Self.unusable(result) }
        // Differs: the mock answers 204 with no body vs we answer 200 with {"id", "deleted":
        // true}; the seed allows it because its delete example shows no response at all.
        return IndependentHTTP.json(
            200, IndependentHTTP.object([("id", .string(session.id)), ("deleted", .bool(true))]))
    }

    // Differs: the mock writes `session_name: null` and `user_id: null` when not given vs we
    // leave out what was never given; the seed allows it because both fields are optional and
    // its examples only show them set.
    static func render(_ session: IndependentCID222Store.Session, tenant: Bool, context: Bool) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("id", .string(session.id))]
        if let name = session.name { pairs.append(("session_name", .string(name))) }
        if tenant {
            pairs.append(("tenant_id", .string(session.tenant)))
            if let user = session.userID { pairs.append(("user_id", .string(user))) }
        }
        pairs.append(("created_at", .string(IndependentTime.format(session.createdAt))))
        pairs.append(("updated_at", .string(IndependentTime.format(session.updatedAt))))
        if context {
            let entries = session.messages.map {
                IndependentHTTP.object([("role", .string($0.role)), ("content", .string($0.content))])
            }
            pairs.append(("context", .array(entries)))
        } else {
            pairs.append(("message_count", .int(session.messages.count)))
        }
        pairs.append(
            (
                "token_usage",
                IndependentHTTP.object([
                    ("total_tokens", .int(session.totalTokens)), ("total_cost", .double(session.totalCost)),
                ])
            ))
        return IndependentHTTP.object(pairs)
    }
}
