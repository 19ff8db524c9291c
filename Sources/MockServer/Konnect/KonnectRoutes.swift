import HTTPServer

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
