import HTTPServer
import SessionsAPI

/// `POST /sessions`, `GET /sessions`, `GET /sessions/:id`, `DELETE /sessions/:id`.
/// Each checks the body size (where a body is allowed), then the user JWT, then the body.
/// Clock readings: one per create (`created_at` = `updated_at`); none for reads and deletes.
enum CID222SessionHandlers {
    static func create(_ request: HTTPRequest, environment: MockEnvironment) -> HTTPResponse {
        do throws(CID222Failure) {
            try CID222RequestBody.checkSize(of: request, maxBodySize: environment.options.maxBodySize)
            let claims = try CID222Auth.claims(of: request, secret: environment.options.jwtSecret)
            let body = try CID222RequestBody.object(
                of: request, maxBodySize: environment.options.maxBodySize, allowEmpty: true)
            let fields = try CID222CreateRequest(body)
            let limit = environment.options.limits.maxSessionsPerNamespace
            guard
                let record = environment.cid222.create(
                    namespace: MockEnvironment.namespace(of: request), tenant: claims.sub,
                    sessionName: fields.sessionName, userID: fields.userID, id: environment.ids.uuid(),
                    limit: limit, now: environment.clock.now)
            else {
                throw CID222Failure(
                    status: 507,
                    message:
                        "This namespace holds its limit of \(limit) sessions; delete some or raise --max-sessions-per-namespace",
                    field: nil)
            }
            return .cid222(201, record.session)
        } catch {
            return error.response
        }
    }

    static func list(_ request: HTTPRequest, environment: MockEnvironment) -> HTTPResponse {
        do throws(CID222Failure) {
            let claims = try CID222Auth.claims(of: request, secret: environment.options.jwtSecret)
            let records = environment.cid222.list(
                namespace: MockEnvironment.namespace(of: request), tenant: claims.sub)
            return .cid222(200, records.map(\.session))
        } catch {
            return error.response
        }
    }

    static func get(_ request: HTTPRequest, environment: MockEnvironment) -> HTTPResponse {
        do throws(CID222Failure) {
            let claims = try CID222Auth.claims(of: request, secret: environment.options.jwtSecret)
            guard
                let record = environment.cid222.session(
                    namespace: MockEnvironment.namespace(of: request), tenant: claims.sub,
                    id: request.parameter("id") ?? "")
            else { throw CID222Failure.sessionNotFound }
            return .cid222(200, record.detail)
        } catch {
            return error.response
        }
    }

    static func delete(_ request: HTTPRequest, environment: MockEnvironment) -> HTTPResponse {
        do throws(CID222Failure) {
            let claims = try CID222Auth.claims(of: request, secret: environment.options.jwtSecret)
            guard
                environment.cid222.delete(
                    namespace: MockEnvironment.namespace(of: request), tenant: claims.sub,
                    id: request.parameter("id") ?? "")
            else { throw CID222Failure.sessionNotFound }
            return HTTPResponse(status: 204)
        } catch {
            return error.response
        }
    }
}
