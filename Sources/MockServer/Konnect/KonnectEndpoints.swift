import HTTPServer
import SessionsAPI

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
                    status: 413, message: APIErrorResponses.bodyTooLargeMessage(limit: limit))
            }
            let caller = try authenticator.authenticate(request)
            return try endpoint(self)(request, caller)
        } catch {
            return error.response
        }
    }
}
