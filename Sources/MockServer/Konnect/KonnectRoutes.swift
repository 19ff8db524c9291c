import HTTPServer

/// The Konnect routes: `/v1/sessions…` and `/v1/chat`.
enum KonnectRoutes {
    static func register(into router: inout Router, environment: MockEnvironment) {}
}
