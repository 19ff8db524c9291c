import HTTPServer
import JSONSchema

/// `/__admin/faults`: add (POST), list (GET) and remove (DELETE, all or by id) the faults of
/// the addressed namespace.
enum FaultAdminRoutes {
    static func register(into router: inout Router, environment: MockEnvironment) {
        let faults = environment.faults
        router.add("POST", "/__admin/faults") { request in
            do throws(AdminInputError) {
                let namespace = try AdminScope.namespace(of: request)
                guard environment.namespaces.admit(namespace) else {
                    return AdminResponse.failure(507, environment.namespaces.refusal)
                }
                let rule = try faults.add(body: try AdminBody.parse(request.body), namespace: namespace)
                return AdminResponse.json(201, rule.json)
            } catch {
                return AdminResponse.badRequest(error)
            }
        }
        router.add("GET", "/__admin/faults") { request in
            do throws(AdminInputError) {
                return AdminResponse.list(
                    faults.list(namespace: try AdminScope.namespace(of: request)).map(\.json))
            } catch {
                return AdminResponse.badRequest(error)
            }
        }
        router.add("DELETE", "/__admin/faults") { request in
            do throws(AdminInputError) {
                faults.clear(namespace: try AdminScope.namespace(of: request))
                return HTTPResponse(status: 204)
            } catch {
                return AdminResponse.badRequest(error)
            }
        }
        router.add("DELETE", "/__admin/faults/:id") { request in
            do throws(AdminInputError) {
                let id = request.parameter("id") ?? ""
                guard faults.remove(id: id, namespace: try AdminScope.namespace(of: request)) else {
                    return AdminResponse.failure(404, "no fault '\(id)' in this namespace", field: "id")
                }
                return HTTPResponse(status: 204)
            } catch {
                return AdminResponse.badRequest(error)
            }
        }
    }
}
