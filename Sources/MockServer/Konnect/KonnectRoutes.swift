import HTTPServer
import SessionsAPI

/// The Konnect routes: `/v1/sessions…` and `/v1/chat` (`001_e881a79b0c8c0818.txt`,
/// "Sessions API" and "Using Sessions in Chat").
enum KonnectRoutes {
    static func register(into router: inout Router, environment: MockEnvironment) {
        let endpoints = KonnectEndpoints(environment: environment)
        router.add("GET", "/v1/sessions") { endpoints.respond(to: $0, with: KonnectEndpoints.list) }
        router.add("GET", "/v1/sessions/:id") { endpoints.respond(to: $0, with: KonnectEndpoints.get) }
        router.add("PATCH", "/v1/sessions/:id") { endpoints.respond(to: $0, with: KonnectEndpoints.patch) }
        router.add("DELETE", "/v1/sessions/:id") { endpoints.respond(to: $0, with: KonnectEndpoints.delete) }
        router.add("POST", "/v1/chat") { endpoints.respond(to: $0, with: KonnectEndpoints.chat) }
    }
}

/// The Konnect endpoints. Each checks, in this order: the body's size (as the HTTP layer
/// would), the API key, the body's media type and JSON, its fields, and only then the
/// session; a request refused at any step changes nothing.
struct KonnectEndpoints: Sendable {
    typealias Endpoint =
        @Sendable (KonnectEndpoints) -> (HTTPRequest, KonnectCaller) throws(KonnectAPIError) ->
        HTTPResponse

    let environment: MockEnvironment
    let authenticator: KonnectAuthenticator

    init(environment: MockEnvironment) {
        self.environment = environment
        authenticator = KonnectAuthenticator(allowedKeys: Set(environment.options.konnectAPIKeys))
    }

    func respond(to request: HTTPRequest, with endpoint: Endpoint) -> HTTPResponse {
        do throws(KonnectAPIError) {
            let limit = environment.options.maxBodySize
            if request.body.count > limit {
                throw KonnectAPIError(
                    status: 413, message: "Request body is larger than the limit of \(limit) bytes")
            }
            let caller = try authenticator.authenticate(request)
            return try endpoint(self)(request, caller)
        } catch {
            return error.response
        }
    }

    /// `GET /v1/sessions?limit&offset`.
    func list(_ request: HTTPRequest, _ caller: KonnectCaller) throws(KonnectAPIError) -> HTTPResponse {
        let page = try KonnectPage.parse(request)
        return KonnectResponse.ok(environment.konnect.read(caller) { $0.list(page) })
    }

    /// `GET /v1/sessions/:id`.
    func get(_ request: HTTPRequest, _ caller: KonnectCaller) throws(KonnectAPIError) -> HTTPResponse {
        let id = request.parameter("id") ?? ""
        guard let detail = environment.konnect.read(caller, { $0.sessions[id]?.detail }) else {
            throw .sessionNotFound(id)
        }
        return KonnectResponse.ok(detail)
    }

    /// `PATCH /v1/sessions/:id` with exactly `{"title": "…"}`.
    func patch(_ request: HTTPRequest, _ caller: KonnectCaller) throws(KonnectAPIError) -> HTTPResponse {
        let id = request.parameter("id") ?? ""
        let body = try KonnectJSONBody.read(request)
        if let unknown = body.fields.keys.sorted().first(where: { $0 != "title" }) {
            throw .badRequest("'\(unknown)' cannot be changed; only 'title' can", param: unknown)
        }
        let title = try body.requiredString("title")
        let clock = environment.clock
        guard let summary = environment.konnect.update(caller, { $0.rename(id, to: title, clock: clock) })
        else {
            throw .sessionNotFound(id)
        }
        return KonnectResponse.ok(summary)
    }

    /// `DELETE /v1/sessions/:id`.
    func delete(_ request: HTTPRequest, _ caller: KonnectCaller) throws(KonnectAPIError) -> HTTPResponse {
        let id = request.parameter("id") ?? ""
        guard environment.konnect.update(caller, { $0.delete(id) }) else {
            throw .sessionNotFound(id)
        }
        return KonnectResponse.ok(KonnectDeletedSession(id: id))
    }

    /// `POST /v1/chat` with `{message, session_id?, mode?}`; other fields are ignored.
    func chat(_ request: HTTPRequest, _ caller: KonnectCaller) throws(KonnectAPIError) -> HTTPResponse {
        let body = try KonnectJSONBody.read(request)
        let message = try body.requiredString("message")
        let sessionID = try body.optionalString("session_id")
        var mode: KonnectMode?
        if let text = try body.optionalString("mode") {
            guard let known = KonnectMode(rawValue: text) else {
                let modes = KonnectMode.allCases.map(\.rawValue).joined(separator: ", ")
                throw .badRequest("'mode' must be one of \(modes)", param: "mode")
            }
            mode = known
        }
        let turn = KonnectTurn(message: message, sessionID: sessionID, mode: mode)
        let sources = KonnectTurnSources(
            ids: environment.ids, clock: environment.clock, seed: environment.options.seed)
        guard let reply = environment.konnect.update(caller, { $0.chat(turn, sources: sources) }) else {
            throw .sessionNotFound(sessionID ?? "", param: "session_id")
        }
        return KonnectResponse.ok(reply)
    }
}
