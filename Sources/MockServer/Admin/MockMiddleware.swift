import HTTPServer
import JSONSchema
import SessionsAPI

/// Runs around every API request: picks the fault that applies (the `X-Mock-Fault` header,
/// else the oldest matching registered fault of the request's namespace), applies it, and
/// journals the request and what was sent back. Admin requests only pass `AdminGuard`.
enum MockMiddleware {
    static func wrap(_ next: @escaping HTTPHandler, environment: MockEnvironment) -> HTTPHandler {
        { request in await handle(request, environment: environment, next: next) }
    }

    static func isAdmin(path: String) -> Bool {
        path == "/__admin" || path.hasPrefix("/__admin/")
    }

    private static func handle(
        _ request: HTTPRequest, environment: MockEnvironment, next: HTTPHandler
    ) async -> HTTPResponse {
        guard !isAdmin(path: request.path) else {
            if let refusal = AdminGuard.refusal(of: request, adminToken: environment.options.adminToken) {
                return refusal
            }
            return await next(request)
        }
        // Checked before anything is journaled: a refused name addresses no namespace.
        if let rejection = NamespaceRule.rejection(of: request) { return rejection }
        let started = ContinuousClock.now
        let namespace = MockEnvironment.namespace(of: request)
        // Even a refused request would journal in its namespace: a new one must fit the cap.
        guard environment.namespaces.admit(namespace) else {
            return APIErrorResponses.response(
                status: 507, message: environment.namespaces.refusal, path: request.path)
        }
        var appliedFault: JSONValue?
        let response: HTTPResponse
        switch chooseFault(for: request, namespace: namespace, environment: environment) {
        case .failure(let error):
            response = APIErrorResponses.response(status: 400, message: error.description, path: request.path)
        case .success(nil):
            response = await next(request)
        case .success(let chosen?):
            appliedFault = chosen.description
            response = await FaultInjector.respond(
                to: request, action: chosen.action, draw: chosen.draw, next: next)
        }
        return JournalRecorder.record(
            request, response, namespace: namespace, fault: appliedFault, started: started,
            journal: environment.journal)
    }

    struct ChosenFault {
        var action: FaultAction
        var draw: UInt64
        /// How the journal shows it.
        var description: JSONValue
    }

    private static func chooseFault(
        for request: HTTPRequest, namespace: String, environment: MockEnvironment
    ) -> Result<ChosenFault?, AdminInputError> {
        let seed = environment.options.seed
        if let header = request.headers[InlineFaultHeader.name] {
            do {
                let action = try InlineFaultHeader.parse(header)
                let use = environment.faults.nextInlineUse(namespace: namespace)
                let draw = SplitMix64.mix([
                    seed, SplitMix64.digest(namespace), SplitMix64.digest(header), UInt64(use),
                ])
                var description = action.jsonFields
                description["source"] = .string("header")
                return .success(ChosenFault(action: action, draw: draw, description: .object(description)))
            } catch {
                return .failure(error)
            }
        }
        guard
            let (rule, hit) = environment.faults.take(
                namespace: namespace, api: MockAPI.of(path: request.path), method: request.method,
                path: request.path)
        else { return .success(nil) }
        let draw = SplitMix64.mix([seed, SplitMix64.digest(rule.id), UInt64(hit)])
        var description = rule.json
        if case .object(var fields) = description {
            fields["source"] = .string("registered")
            description = .object(fields)
        }
        return .success(ChosenFault(action: rule.action, draw: draw, description: description))
    }
}
