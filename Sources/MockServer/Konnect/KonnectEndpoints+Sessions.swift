import HTTPServer
import JSONSchema
import SessionsAPI

/// The session endpoints: list, get, rename and delete.
extension KonnectEndpoints {
    /// `GET /v1/sessions?limit&offset`.
    func list(_ request: HTTPRequest, _ caller: KonnectCaller) throws(KonnectAPIError) -> HTTPResponse {
        let page = try KonnectPage.parse(request)
        // A page built before is sent as it was; a new one is assembled outside the lock and
        // kept with the version of the sessions it was read from.
        let (cache, cached, fresh) = environment.konnect.read(caller) { sessions in
            let cached = sessions.pageCache.bytes(for: page)
            return (sessions.pageCache, cached, cached == nil ? sessions.list(page) : nil)
        }
        if let cached { return .json(200, cached) }
        let bytes = fresh?.json ?? []
        cache.store(bytes, for: page)
        return .json(200, bytes)
    }

    /// `GET /v1/sessions/:id`.
    func get(_ request: HTTPRequest, _ caller: KonnectCaller) throws(KonnectAPIError) -> HTTPResponse {
        let id = request.parameter("id") ?? ""
        guard let record = environment.konnect.read(caller, { $0.sessions[id] }) else {
            throw .sessionNotFound(id)
        }
        return .json(200, record.detailJSON)
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
}
