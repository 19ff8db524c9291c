import Conformance
import Foundation
import MockServer
import SessionsAPI
import Testing

@testable import SessionsCLI

@Suite("sessions check")
struct CheckCommandTests {
    private func settings(_ arguments: [String], environment: [String: String] = [:]) throws(UsageError)
        -> CheckSettings
    {
        let parsed = try OptionParser.parse(arguments, for: CheckCommand.spec)
        return try CheckCommand.settings(from: parsed, environment: environment)
    }

    @Test func helpIsGolden() {
        guard case .output(let out, let err, let status) = SessionsCommand.resolve(["check", "--help"]) else {
            Issue.record("expected help")
            return
        }
        #expect(status == 0)
        #expect(err.isEmpty)
        #expect(out == Self.golden)
    }

    @Test func defaultsCheckBothAPIsOfTheInProcessMock() throws {
        let s = try settings([])
        #expect(s.apis == [.cid222, .konnect])
        #expect(s.target == nil)
        #expect(s.model == "mock-small-512")
        #expect(s.contextLimit == 512)
        #expect(s.timeout == 30)
        #expect(!s.strict)
        #expect(s.maxRequests == nil)
        #expect(s.clock.start == 1_735_689_600)
        #expect(!s.overHTTP)
        #expect(s.scenarioFilter == nil)
    }

    @Test func theBuiltInMockCanBeReachedOverHTTPAndScenariosFiltered() throws {
        let s = try settings(["--over-http", "--scenario", "chat"])
        #expect(s.overHTTP)
        #expect(s.scenarioFilter == "chat")
    }

    @Test func overHTTPWithATargetIsAUsageError() {
        do {
            _ = try settings([
                "--target", "https://x.example", "--api-key", "k", "--api", "konnect", "--over-http",
            ])
            Issue.record("expected a usage error")
        } catch {
            #expect(error.message.contains("--over-http"), "\(error.message)")
        }
    }

    /// Valid tokens outlive both clocks and the expired one ended before either, while
    /// everything the mock can echo (issue times, the expired `exp`) follows the fixed clock.
    @Test func builtInTokensDependOnTheWallClockOnlyThroughTheirLifetime() throws {
        let clock: Int64 = 1_768_473_000
        let later = BuiltInMock.credentials(secret: "s3cret", clockStart: clock, wallClock: clock + 1000)
        let same = BuiltInMock.credentials(secret: "s3cret", clockStart: clock, wallClock: clock + 1000)
        #expect(later.token == same.token && later.claimlessToken == same.claimlessToken)
        for token in [later.token, later.tokenB] {
            let claims = try JWTVerifier.verify(
                token: try #require(token), secret: Array("s3cret".utf8), now: clock + 1000 + 365 * 86_400)
            #expect(claims.iat == clock)
        }
        let expired = try #require(later.expiredToken)
        #expect(throws: JWTError.expired(at: clock - 7140)) {
            try JWTVerifier.verify(token: expired, secret: Array("s3cret".utf8), now: clock)
        }
        let future = BuiltInMock.credentials(secret: "s3cret", clockStart: clock, wallClock: clock - 1000)
        #expect(throws: JWTError.expired(at: clock - 8140)) {
            try JWTVerifier.verify(
                token: try #require(future.expiredToken), secret: Array("s3cret".utf8), now: clock - 1000)
        }
    }

    @Test func credentialsComeFromTheEnvironmentWhenOptionsAreAbsent() throws {
        let env = ["SESSIONS_TOKEN": "jwt-from-env", "SESSIONS_API_KEY": "sk_test_env"]
        let s = try settings(["--target", "https://api.example.com"], environment: env)
        #expect(s.credentials.token == "jwt-from-env")
        #expect(s.credentials.apiKey == "sk_test_env")
        let flagged = try settings(
            ["--target=https://x.example", "--token", "flag", "--api-key", "k"], environment: env)
        #expect(flagged.credentials.token == "flag")
        #expect(flagged.credentials.apiKey == "k")
    }

    @Test func aTargetWithoutItsCredentialIsAUsageError() {
        #expect(throws: UsageError.self) {
            try settings(["--target", "https://x.example", "--api", "cid222"])
        }
        #expect(throws: UsageError.self) {
            try settings(["--target", "https://x.example", "--api", "konnect"])
        }
    }

    @Test(arguments: [
        (["--api", "soap"], "--api <api>"), (["--target", "ftp://x"], "--target <url>"),
        (["--target", "not a url"], "--target <url>"),
        (["--context-limit", "0"], "--context-limit <tokens>"),
        (["--timeout", "-1"], "--timeout <seconds>"), (["--max-requests", "many"], "--max-requests <n>"),
        (["--seed", "-3"], "--seed <seed>"), (["--clock", "yesterday"], "--clock <start[,tick]>"),
        (["--report-json="], "--report-json <file>"), (["--scenario="], "--scenario <text>"),
    ])
    func badValuesAreUsageErrorsNamingTheOption(_ arguments: [String], _ label: String) {
        do {
            _ = try settings(arguments)
            Issue.record("expected a usage error for \(arguments)")
        } catch {
            #expect(error.message.contains(label), "\(error.message)")
        }
    }

    @Test func anEmptyCredentialIsRefusedWithoutEchoingIt() {
        do {
            _ = try settings(["--token", ""])
            Issue.record("expected a usage error")
        } catch {
            #expect(error.message.contains("--token"))
        }
    }

    @Test func usageErrorsExitWith2LikeEveryRunThatCannotHappen() async {
        guard case .output(_, let err, let status) = SessionsCommand.resolve(["check", "--bogus"]) else {
            Issue.record("expected usage output")
            return
        }
        #expect(status == 2)
        #expect(err.hasPrefix("Error: "))
        #expect(err.contains("See 'sessions check --help'."))
        // A bad value is found when the command runs; it exits the same way.
        #expect(await SessionsCommand.run(["check", "--api", "graphql"], environment: [:]) == 2)
    }

    @Test func anUnreachableTargetExitsWith2() async {
        let settings = try? settings([
            "--target", "http://127.0.0.1:1", "--api", "konnect", "--api-key", "sk_test_k",
        ])
        guard let settings else {
            Issue.record("settings")
            return
        }
        #expect(await CheckCommand.run(settings) == CheckCommand.runErrorStatus)
    }

    static let golden = """
        OVERVIEW: Check a Sessions API deployment (or the built-in mock) against the specs.

        Without --target the built-in mock is checked in process with fixed credentials,
        so every scenario runs (mock-only ones too) and, for a given --seed and --clock,
        every recorded byte repeats; --over-http serves it on a free port of 127.0.0.1
        instead, which also exercises the HTTP server. Writes a progress line per scenario
        to stderr, then prints each deviation with its requirement, source and a curl
        reproducer (credentials shown as $SESSIONS_TOKEN / $SESSIONS_API_KEY).
        Exit status: 0 no failure, 1 failures (with --strict also warnings), 2 the run
        could not happen (bad options, unreachable target, unusable specs), 130
        interrupted (sessions cleaned up).

        USAGE: sessions check [<options>]

        OPTIONS:
          --api <api>             Which API to check: cid222, konnect or both. (default:
                                  both)
          --target <url>          Base URL of the deployment; absent: the built-in mock.
          --token <jwt>           CID222 user JWT; the environment variable
                                  SESSIONS_TOKEN is read when absent.
          --token-b <jwt>         A JWT of another tenant, for isolation checks (else
                                  skipped).
          --expired-token <jwt>   A correctly signed CID222 JWT that has expired, for
                                  the expiry check (else skipped).
          --api-key <key>         Konnect API key; the environment variable
                                  SESSIONS_API_KEY is read when absent.
          --api-key-b <key>       A key of another user, for isolation checks (else
                                  skipped).
          --header <name: value>  Send this header with every request, cleanup included
                                  (repeatable), e.g. a tenant route or a WAF token.
                                  Reports, reproducers and recordings leave it out.
          --model <model>         CID222 model for message sends. (default:
                                  mock-small-512)
          --context-limit <tokens>
                                  Context window of --model, to drive summarization.
                                  (default: 512)
          --specs <dir>           Folder holding requirements.json and the scenarios;
                                  absent: the specs built into this binary.
          --timeout <seconds>     Seconds a request may wait for data. (default: 30)
          --strict                Count deviations from inferred requirements as
                                  failures.
          --max-requests <n>      Stop after this many requests (cleanup excluded).
          --report-json <file>    Write the full report as JSON.
          --report-md <file>      Write a Markdown summary (tables per scenario and per
                                  failing requirement, reproducers folded), e.g. to
                                  $GITHUB_STEP_SUMMARY.
          --junit <file>          Write a JUnit XML report, one testcase per
                                  requirement.
          --record <dir>          Write each scenario's exchanges as a JSON transcript.
          --quiet                 No progress lines on stderr; print only failing
                                  requirements and the totals.
          --scenario <text>       Run only the scenarios whose name contains this.
          --seed <seed>           Seed of the built-in mock. (default: 0)
          --clock <start[,tick]>  Fixed clock of the built-in mock. (default:
                                  2025-01-01T00:00:00Z,1)
          --over-http             Check the built-in mock over a socket instead of in
                                  process.
          -h, --help              Show help information.

        """
}
