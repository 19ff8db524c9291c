import HTTPServer
import JSONSchema
import SessionsAPI

/// Which namespace an admin call addresses: `?namespace=` first, then the
/// `X-Mock-Namespace` header, then the default namespace (or, for reset, every namespace).
/// Both are checked against `NamespaceRule` whenever given, even when the query wins.
enum AdminScope {
    static func namespace(of request: HTTPRequest) throws(AdminInputError) -> String {
        try explicitNamespace(of: request) ?? MockEnvironment.defaultNamespace
    }

    /// The namespace named by the query or header, or nil when neither names one.
    static func explicitNamespace(of request: HTTPRequest) throws(AdminInputError) -> String? {
        let header = request.headers[MockEnvironment.namespaceHeader]
        if let header, let problem = NamespaceRule.problem(with: header) {
            throw AdminInputError(field: MockEnvironment.namespaceHeader, problem)
        }
        if let query = request.query("namespace") {
            if let problem = NamespaceRule.problem(with: query) {
                throw AdminInputError(field: "namespace", problem)
            }
            return query
        }
        return header
    }
}

/// Answers of the admin routes: JSON with sorted keys; bad input as 400 naming the field.
enum AdminResponse {
    static func json(_ status: Int, _ value: JSONValue) -> HTTPResponse {
        .json(status, value.serializedBytes())
    }

    static func badRequest(_ error: AdminInputError) -> HTTPResponse {
        failure(error.status, error.description, field: error.field)
    }

    static func failure(_ status: Int, _ message: String, field: String? = nil) -> HTTPResponse {
        var details: [String: String]?
        if let field { details = ["field": field] }
        return .json(status, ErrorEnvelope.cid222(status: status, message: message, details: details))
    }

    static func list(_ items: [JSONValue]) -> HTTPResponse {
        json(200, .object(["object": .string("list"), "data": .array(items), "total": .int(items.count)]))
    }
}
