import Foundation
import MockServer

/// What `sessions token` mints, parsed from its options.
package struct TokenSettings: Sendable, Equatable {
    package var tenant: String
    package var user: String
    package var role: String
    package var ttl: Int64
    package var secret: String
}

/// `sessions token`: prints a CID222 user JWT that a mock with the same secret accepts.
package enum TokenCommand {
    static let maxTTL: Int64 = 10 * 366 * 86_400

    package static let spec = CommandSpec(
        name: "token",
        abstract: "Print a CID222 user JWT (HS256) that the mock accepts.",
        discussion: """
            The token is signed with the same secret as 'sessions serve' uses (--jwt-secret, or the
            environment variable \(ServeCommand.jwtSecretEnvironmentKey)), issued now by the wall clock,
            and expires after --ttl seconds. Sessions are scoped to the tenant.
            """,
        options: [
            OptionSpec(
                "tenant", value: "tenant", help: "Tenant id (the `sub` claim).", default: "demo-tenant"),
            OptionSpec(
                "user", value: "user", help: "User name (the `username` claim).", default: "demo-user"),
            OptionSpec("role", value: "role", help: "Role claim: user or admin_user.", default: "user"),
            OptionSpec("ttl", value: "seconds", help: "Seconds until the token expires.", default: "3600"),
            OptionSpec(
                "jwt-secret", value: "secret",
                help:
                    "HS256 secret; the environment variable \(ServeCommand.jwtSecretEnvironmentKey) is read "
                    + "when the option is absent.", default: MockOptions.defaultJWTSecret),
        ])

    static let entry = CommandEntry(spec: spec) { options, environment throws(UsageError) in
        let settings = try settings(from: options, environment: environment)
        Console.out(mint(settings, now: Int64(Date().timeIntervalSince1970)) + "\n")
        return 0
    }

    package static func mint(_ settings: TokenSettings, now: Int64) -> String {
        JWTMinter.mint(
            tenant: settings.tenant, user: settings.user, role: settings.role, ttl: settings.ttl,
            secret: settings.secret, now: now)
    }

    /// Every bad value is a usage error naming its option.
    package static func settings(
        from parsed: ParsedOptions, environment: [String: String]
    ) throws(UsageError) -> TokenSettings {
        if let extra = parsed.positionals.first { throw UsageError("Unexpected argument '\(extra)'") }
        let tenant = parsed.value("tenant") ?? "demo-tenant"
        guard !tenant.isEmpty else { throw invalid(tenant, "tenant", "empty tenant") }
        let user = parsed.value("user") ?? "demo-user"
        guard !user.isEmpty else { throw invalid(user, "user", "empty user") }
        let role = parsed.value("role") ?? "user"
        guard JWTClaims.roles.contains(role) else {
            throw invalid(role, "role", "expected user or admin_user")
        }
        var ttl: Int64 = 3600
        if let text = parsed.value("ttl") {
            guard let value = Int64(text), value >= 1, value <= maxTTL else {
                throw invalid(text, "ttl", "expected whole seconds from 1 to \(maxTTL)")
            }
            ttl = value
        }
        let secret =
            parsed.value("jwt-secret") ?? environment[ServeCommand.jwtSecretEnvironmentKey]
            ?? MockOptions.defaultJWTSecret
        guard !secret.isEmpty else { throw invalid(secret, "jwt-secret", "empty secret") }
        return TokenSettings(tenant: tenant, user: user, role: role, ttl: ttl, secret: secret)
    }

    private static func invalid(_ value: String, _ name: String, _ reason: String) -> UsageError {
        let option = spec.option(named: name) ?? OptionSpec(name, help: "")
        return UsageError.invalidValue(value, for: option, because: reason)
    }
}
