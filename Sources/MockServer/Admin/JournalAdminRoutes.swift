import HTTPServer
import JSONSchema

/// `/__admin/requests`: the journal of the addressed namespace, newest first.
enum JournalAdminRoutes {
    static let defaultLimit = 100
    static let maxLimit = 1000

    static func register(into router: inout Router, environment: MockEnvironment) {
        let journal = environment.journal
        router.add("GET", "/__admin/requests") { request in
            do throws(AdminInputError) {
                let namespace = try AdminScope.namespace(of: request)
                let limit = try integer(request, "limit", in: 1...maxLimit) ?? defaultLimit
                let offset = try integer(request, "offset", in: 0...Int(Int32.max)) ?? 0
                let (entries, total) = journal.page(namespace: namespace, limit: limit, offset: offset)
                return AdminResponse.json(
                    200,
                    .object([
                        "object": .string("list"), "data": .array(entries.map(\.json)), "total": .int(total),
                        "has_more": .bool(offset + entries.count < total),
                    ]))
            } catch {
                return AdminResponse.badRequest(error)
            }
        }
        router.add("DELETE", "/__admin/requests") { request in
            do throws(AdminInputError) {
                journal.clear(namespace: try AdminScope.namespace(of: request))
                return HTTPResponse(status: 204)
            } catch {
                return AdminResponse.badRequest(error)
            }
        }
    }

    static func integer(_ request: HTTPRequest, _ name: String, in range: ClosedRange<Int>)
        throws(AdminInputError)
        -> Int?
    {
        guard let text = request.query(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw AdminInputError(
                field: name, "must be an integer in \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }
}
