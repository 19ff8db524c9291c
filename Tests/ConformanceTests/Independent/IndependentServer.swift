import Foundation
import HTTPServer
import JSONSchema

/// Both independent APIs on one loopback socket: CID222 under `/sessions`, Konnect under
/// `/v1`. Written apart from `MockServer`, to test the checker against a second reading of
/// the seeds.
struct IndependentServer: Sendable {
    static let jwtSecret = "independent-hs256-secret-4b1d"
    static let apiKeys = ["sk_live_indepA", "sk_live_indepB"]

    let server: HTTPServer
    let baseURL: URL

    /// Starts on 127.0.0.1 with a free port.
    /// - Parameters:
    ///   - breakage: the one defect to serve with, `none` for the correct server.
    ///   - secret: the HS256 secret CID222 tokens must be signed with.
    ///   - keys: the only Konnect API keys accepted, each one user.
    static func start(
        breakage: IndependentBreakage = .none, secret: String = jwtSecret, keys: [String] = apiKeys
    ) async throws -> IndependentServer {
        let cid222 = IndependentCID222(verifier: IndependentJWT(secret: Array(secret.utf8)))
        let konnect = IndependentKonnect(keys: keys, breakage: breakage)
        var configuration = HTTPServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.serverName = "independent-sessions"
        configuration.protocolErrorResponder = { status, reason, path in
            // Errors found before routing (413 and the like) still use the API's envelope.
            if let path, path.hasPrefix("/v1") {
                return IndependentKonnect.error(status, "invalid_request_error", reason)
            }
            return IndependentCID222.error(
                status, status == 413 ? "payload_too_large" : "bad_request", reason)
        }
        let server = HTTPServer(configuration: configuration) { request in
            if request.path == "/v1" || request.path.hasPrefix("/v1/") {
                return await konnect.respond(request)
            }
            if request.path == "/sessions" || request.path.hasPrefix("/sessions/") {
                return await cid222.respond(request)
            }
            return IndependentHTTP.json(
                404, IndependentHTTP.object([("error", "not_found"), ("detail", "no such resource")]))
        }
        try await server.start()
        guard let url = URL(string: "http://127.0.0.1:\(server.port)") else {
            await server.shutdown()
            throw URLError(.badURL)
        }
        return IndependentServer(server: server, baseURL: url)
    }

    func stop() async {
        await server.shutdown()
    }
}
