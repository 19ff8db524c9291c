import MockServer
import Testing

@testable import SessionsCLI

@Suite("sessions token")
struct TokenCommandTests {
    private func settings(_ arguments: [String], environment: [String: String] = [:]) throws(UsageError)
        -> TokenSettings
    {
        let parsed = try OptionParser.parse(arguments, for: TokenCommand.spec)
        return try TokenCommand.settings(from: parsed, environment: environment)
    }

    @Test func defaultsAreDocumented() throws {
        let s = try settings([])
        #expect(
            s
                == TokenSettings(
                    tenant: "demo-tenant", user: "demo-user", role: "user", ttl: 3600,
                    secret: MockOptions.defaultJWTSecret))
    }

    @Test func mintedTokenVerifiesWithTheSameSecretAndCarriesTheClaims() throws {
        let s = try settings(["--tenant", "acme", "--user", "alice", "--ttl=60", "--role", "admin_user"])
        let token = TokenCommand.mint(s, now: 1_000)
        let claims = try JWTVerifier.verify(token: token, secret: Array(s.secret.utf8), now: 1_030)
        #expect(claims.sub == "acme")
        #expect(claims.username == "alice")
        #expect(claims.role == "admin_user")
        #expect(claims.exp == 1_060)
        #expect(throws: JWTError.self) {
            try JWTVerifier.verify(token: token, secret: Array(s.secret.utf8), now: 1_061)
        }
        #expect(throws: JWTError.self) {
            try JWTVerifier.verify(token: token, secret: Array("other".utf8), now: 1_030)
        }
    }

    @Test func secretComesFromTheEnvironmentWhenTheOptionIsAbsent() throws {
        #expect(try settings([], environment: ["SESSIONS_JWT_SECRET": "env-secret"]).secret == "env-secret")
        #expect(
            try settings(["--jwt-secret", "flag"], environment: ["SESSIONS_JWT_SECRET": "env"]).secret
                == "flag")
    }

    @Test(arguments: [
        (["--ttl", "0"], "--ttl <seconds>"), (["--ttl", "soon"], "--ttl <seconds>"),
        (["--role", "root"], "--role <role>"), (["--tenant="], "--tenant <tenant>"),
        (["--jwt-secret", ""], "--jwt-secret <secret>"),
    ])
    func badValuesAreUsageErrorsNamingTheOption(_ arguments: [String], _ label: String) {
        do {
            _ = try settings(arguments)
            Issue.record("expected a usage error for \(arguments)")
        } catch {
            #expect(error.message.contains(label))
        }
    }

    @Test func unknownOptionIsAUsageErrorWithExit64() {
        guard case .output(let out, let err, let status) = SessionsCommand.resolve(["token", "--tenat", "x"])
        else {
            Issue.record("expected usage output")
            return
        }
        #expect(out.isEmpty)
        #expect(status == 64)
        #expect(err.hasPrefix("Error: "))
        #expect(err.contains("See 'sessions token --help'."))
    }

    @Test func helpListsEveryOptionWithDefaults() {
        guard case .output(let out, _, let status) = SessionsCommand.resolve(["token", "--help"]) else {
            Issue.record("expected help")
            return
        }
        #expect(status == 0)
        for name in [
            "--tenant <tenant>", "--user <user>", "--role <role>", "--ttl <seconds>", "--jwt-secret <secret>",
        ] {
            #expect(out.contains(name))
        }
        #expect(out.contains("(default: 3600)"))
    }
}
