import HTTPServer
import JSONSchema
import SessionsAPI

/// `/__admin/reset` forgets sessions, journal, faults and scripted replies of one namespace
/// (named by `?namespace=` or `X-Mock-Namespace`), or of every namespace when none is named.
/// `/__admin/state` exports (GET) and replaces (PUT) every session of both APIs.
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
        router.add("GET", "/__admin/state") { _ in
            .json(200, WireJSON.encode(environment.exportState()))
        }
        router.add("PUT", "/__admin/state") { request in
            do throws(AdminInputError) {
                let counts = try environment.importState(json: request.body)
                return AdminResponse.json(
                    200,
                    .object([
                        "imported": .object(["konnect": .int(counts.konnect), "cid222": .int(counts.cid222)])
                    ]))
            } catch {
                return AdminResponse.badRequest(error)
            }
        }
    }
}
