import Conformance
import Foundation
import JSONSchema
import MockServer
import SessionsAPI

/// The mock `sessions check` starts itself when there is no `--target`: its options, the
/// identities the run holds for it, and the run's configuration. The golden recordings come
/// from exactly this setup (`Recordings/regenerate.sh` runs `sessions check`), so there is
/// no second copy of it to drift.
enum BuiltInMock {
    /// Konnect keys the mock accepts; it refuses any other, so a made-up key is a real 401.
    static let apiKeys = ["sk_test_conformanceUserA", "sk_test_conformanceUserB"]
    static let blockedWord = "conformanceblockedword"
    /// What `mockOnly` scenarios may rely on.
    static let facts: [String: JSONValue] = ["blockedWord": .string(blockedWord)]
    /// How long the valid tokens stay valid past the later of the mock's clock and the wall
    /// clock.
    static let tokenLifetime: Int64 = 10 * 365 * 86_400

    static func options(seed: UInt64, clock: ClockSpec) -> MockOptions {
        var options = MockOptions()
        options.seed = seed
        options.clock = clock
        options.konnectAPIKeys = apiKeys
        options.blocklist = [blockedWord]
        return options
    }

    /// Two tenants' JWTs, an expired one and one without claims for CID222, two keys for
    /// Konnect.
    ///
    /// The mock judges expiry by the wall clock, yet an expired token's `exp` shows in the
    /// answer refusing it, so tokens are issued at the fixed clock's start (repeatable
    /// bytes) and only their lifetimes look at the wall clock: valid ones outlive both
    /// clocks, the expired one ended before either.
    static func credentials(secret: String, clockStart: Int64, wallClock: Int64) -> Credentials {
        let validFor = max(clockStart, wallClock) - clockStart + tokenLifetime
        let expiredIssue = min(clockStart, wallClock) - 7200
        return Credentials(
            token: JWTMinter.mint(
                tenant: "conformance-tenant-a", user: "alice", ttl: validFor, secret: secret, now: clockStart),
            tokenB: JWTMinter.mint(
                tenant: "conformance-tenant-b", user: "bob", ttl: validFor, secret: secret, now: clockStart),
            expiredToken: JWTMinter.mint(
                tenant: "conformance-tenant-a", user: "alice", ttl: 60, secret: secret, now: expiredIssue),
            claimlessToken: claimless(secret: secret, issuedAt: clockStart), apiKey: apiKeys[0],
            apiKeyB: apiKeys[1])
    }

    /// A correctly signed HS256 JWT without `sub` and `exp`, which the mock must refuse.
    static func claimless(secret: String, issuedAt: Int64) -> String {
        let header = Base64URL.encode(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8))
        let claims = Base64URL.encode(
            Array(#"{"iat":\#(issuedAt),"role":"user","username":"alice"}"#.utf8))
        let mac = HMACSHA256.authenticationCode(
            key: Array(secret.utf8), message: Array("\(header).\(claims)".utf8))
        return "\(header).\(claims).\(Base64URL.encode(mac))"
    }

    /// The run against the built-in mock: every scenario including `mockOnly` ones, and no
    /// pauses for `delayMs`, since the mock's clock ticks per reading rather than with time.
    static func configuration(_ settings: CheckSettings, specsDirectory: URL, credentials: Credentials)
        -> RunConfiguration
    {
        RunConfiguration(
            apis: settings.apis, specsDirectory: specsDirectory, credentials: credentials,
            model: settings.model, contextLimit: settings.contextLimit, strict: settings.strict,
            maxRequests: settings.maxRequests, scenarioFilter: settings.scenarioFilter,
            honoursDelays: false, builtInMock: facts)
    }
}
