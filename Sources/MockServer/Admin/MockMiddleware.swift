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

    /// The async part only awaits the handler; the checks before it and the journaling after
    /// it run out of line, so this frame (held by the connection's task while a stream runs)
    /// keeps only what crosses the await.
    private static func handle(
        _ request: HTTPRequest, environment: MockEnvironment, next: HTTPHandler
    ) async -> HTTPResponse {
        let plan: Plan
        switch prepare(request, environment: environment) {
        case .answer(let response): return response
        case .admin: return await next(request)
        case .api(let value): plan = value
        }
        let response: HTTPResponse
        if let fault = plan.fault {
            response = await FaultInjector.respond(
                to: request, action: fault.action, draw: fault.draw, next: next)
        } else {
            response = await next(request)
        }
        return JournalRecorder.record(
            request, response, namespace: plan.namespace, fault: plan.fault?.description,
            started: plan.started,
            journal: environment.journal)
    }

    private struct Plan {
        var started: ContinuousClock.Instant
        var namespace: String
        var fault: ChosenFault?
    }

    private enum Preparation {
        /// Answered without the handler.
        case answer(HTTPResponse)
        /// An admin request the guard let through: not journaled, no faults.
        case admin
        case api(Plan)
    }

    @inline(never)
    private static func prepare(_ request: HTTPRequest, environment: MockEnvironment) -> Preparation {
        guard !isAdmin(path: request.path) else {
            if let refusal = AdminGuard.refusal(of: request, adminToken: environment.options.adminToken) {
                return .answer(refusal)
            }
            return .admin
        }
        // Checked before anything is journaled: a refused name addresses no namespace.
        if let rejection = NamespaceRule.rejection(of: request) { return .answer(rejection) }
        let started = ContinuousClock.now
        let namespace = MockEnvironment.namespace(of: request)
        // Even a refused request would journal in its namespace: a new one must fit the cap.
        guard environment.namespaces.admit(namespace) else {
            return .answer(
                APIErrorResponses.response(
                    status: 507, message: environment.namespaces.refusal, path: request.path))
        }
        switch chooseFault(for: request, namespace: namespace, environment: environment) {
        case .failure(let error):
            let response = APIErrorResponses.response(
                status: 400, message: error.description, path: request.path)
            return .answer(
                JournalRecorder.record(
                    request, response, namespace: namespace, fault: nil, started: started,
                    journal: environment.journal))
        case .success(let chosen):
            return .api(Plan(started: started, namespace: namespace, fault: chosen))
        }
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
