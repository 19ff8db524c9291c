import HTTPServer
import JSONSchema

/// `/__admin/replies`: scripted assistant replies of the addressed namespace.
enum ReplyAdminRoutes {
    static func register(into router: inout Router, environment: MockEnvironment) {
        let replies = environment.replies
        router.add("POST", "/__admin/replies") { request in
            do throws(AdminInputError) {
                let namespace = try AdminScope.namespace(of: request)
                guard environment.namespaces.admit(namespace) else {
                    return AdminResponse.failure(507, environment.namespaces.refusal)
                }
                let reply = try replies.add(body: try AdminBody.parse(request.body), namespace: namespace)
                return AdminResponse.json(201, reply.json)
            } catch {
                return AdminResponse.badRequest(error)
            }
        }
        router.add("GET", "/__admin/replies") { request in
            do throws(AdminInputError) {
                return AdminResponse.list(
                    replies.list(namespace: try AdminScope.namespace(of: request)).map(\.json))
            } catch {
                return AdminResponse.badRequest(error)
            }
        }
        router.add("DELETE", "/__admin/replies") { request in
            do throws(AdminInputError) {
                replies.clear(namespace: try AdminScope.namespace(of: request))
                return HTTPResponse(status: 204)
            } catch {
                return AdminResponse.badRequest(error)
            }
        }
        router.add("DELETE", "/__admin/replies/:id") { request in
            do throws(AdminInputError) {
                let id = request.parameter("id") ?? ""
                guard replies.remove(id: id, namespace: try AdminScope.namespace(of: request)) else {
                    return AdminResponse.failure(404, "no reply '\(id)' in this namespace", field: "id")
                }
                return HTTPResponse(status: 204)
            } catch {
                return AdminResponse.badRequest(error)
            }
        }
    }
}
