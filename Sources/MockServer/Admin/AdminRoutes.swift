import HTTPServer

/// Routes under `/__admin/`, kept apart from both APIs' paths.
enum AdminRoutes {
    static func register(into router: inout Router, environment: MockEnvironment) {
        router.add("GET", "/__admin/health") { _ in
            .json(200, #"{"status":"ok"}"#)
        }
        TokenAdminRoutes.register(into: &router, environment: environment)
        StateAdminRoutes.register(into: &router, environment: environment)
        FaultAdminRoutes.register(into: &router, environment: environment)
        JournalAdminRoutes.register(into: &router, environment: environment)
        ReplyAdminRoutes.register(into: &router, environment: environment)
        ModelAdminRoutes.register(into: &router, environment: environment)
    }
}
