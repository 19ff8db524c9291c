import HTTPServer
import SessionsAPI

/// The one rule for a namespace name, wherever it is given (the `X-Mock-Namespace` header on
/// any request, `?namespace=` on admin calls): 1…256 characters, counted as Unicode code
/// points like JSON Schema's `maxLength`. An absent header means `default`; an empty or
/// longer one is refused with 400 in the addressed API's envelope, never silently mapped.
enum NamespaceRule {
    static let maxLength = 256

    /// What is wrong with a namespace name, or nil when it is acceptable.
    static func problem(with name: String) -> String? {
        let count = name.unicodeScalars.count
        guard count >= 1, count <= maxLength else { return "must be 1…\(maxLength) characters" }
        return nil
    }

    /// The 400 an API request gets when its `X-Mock-Namespace` header breaks the rule.
    static func rejection(of request: HTTPRequest) -> HTTPResponse? {
        let header = MockEnvironment.namespaceHeader
        guard let value = request.headers[header], let problem = problem(with: value) else { return nil }
        let message = "\(header) \(problem)"
        switch APIErrorResponses.api(forPath: request.path) {
        case .konnect:
            return .json(
                400,
                ErrorEnvelope.konnect(
                    status: 400, code: ErrorEnvelope.konnectCode(400), message: message, param: header))
        case .cid222, .admin:
            return .json(400, ErrorEnvelope.cid222(status: 400, message: message, details: ["field": header]))
        }
    }
}
