import Foundation
import HTTPServer
import JSONSchema
import SessionsAPI

/// `POST /__admin/tokens` `{tenant, user, role?, ttl_seconds?}` → `{token, expires_at}`: mints
/// a CID222 user JWT under the mock's `--jwt-secret`. Issued at the wall-clock time, like the
/// expiry check, so tokens work whatever `--clock` says.
enum TokenAdminRoutes {
    /// The longest lifetime accepted: ten years, far from any overflow.
    static let maxTTL: Int64 = 10 * 366 * 86_400

    struct Minted: Encodable {
        var token: String
        var expiresAt: String

        enum CodingKeys: String, CodingKey {
            case token
            case expiresAt = "expires_at"
        }
    }

    static func register(into router: inout Router, environment: MockEnvironment) {
        router.add("POST", "/__admin/tokens") { request in
            mint(request, environment: environment)
        }
    }

    static func mint(
        _ request: HTTPRequest, environment: MockEnvironment, now: Int64 = Int64(Date().timeIntervalSince1970)
    )
        -> HTTPResponse
    {
        do throws(CID222Failure) {
            let body = try CID222RequestBody.object(
                of: request, maxBodySize: environment.options.maxBodySize, allowEmpty: false)
            let tenant = try requiredString(body, "tenant")
            let user = try requiredString(body, "user")
            var role = "user"
            if let value = body["role"], value != .null {
                guard case .string(let text) = value, JWTClaims.roles.contains(text) else {
                    throw .badRequest("role must be 'user' or 'admin_user'", field: "role")
                }
                role = text
            }
            var ttl: Int64 = 3600
            if let value = body["ttl_seconds"], value != .null {
                guard let seconds = value.intValue.map(Int64.init), seconds >= 1, seconds <= maxTTL else {
                    throw .badRequest(
                        "ttl_seconds must be an integer from 1 to \(maxTTL)", field: "ttl_seconds")
                }
                ttl = seconds
            }
            let token = JWTMinter.mint(
                tenant: tenant, user: user, role: role, ttl: ttl, secret: environment.options.jwtSecret,
                now: now)
            return .json(200, WireJSON.encode(Minted(token: token, expiresAt: Timestamp.format(now + ttl))))
        } catch {
            return error.response
        }
    }

    private static func requiredString(_ body: JSONObject, _ name: String) throws(CID222Failure)
        -> String
    {
        guard case .string(let text) = body[name], !text.isEmpty else {
            throw .badRequest("\(name) is required and must be a non-empty string", field: name)
        }
        return text
    }
}
