import HTTPServer

/// `/__admin/reset`: forget sessions, journal, faults and scripted replies of one namespace
/// (named by `?namespace=` or `X-Mock-Namespace`), or of every namespace when none is named.
enum StateAdminRoutes {
    static func register(into router: inout Router, environment: MockEnvironment) {
        router.add("POST", "/__admin/reset") { request in
            do throws(AdminInputError) {
                let namespace = try AdminScope.explicitNamespace(of: request)
                environment.reset(namespace: namespace)
                return AdminResponse.json(200, .object(["reset": .string(namespace ?? "*")]))
            } catch {
                return AdminResponse.badRequest(error)
            }
        }
    }
}
