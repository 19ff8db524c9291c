import HTTPServer
import SessionsAPI

/// The 200 answers of the Konnect routes.
enum KonnectResponse {
    static func ok<Body: Encodable>(_ body: Body) -> HTTPResponse {
        .json(200, WireJSON.encode(body))
    }
}
