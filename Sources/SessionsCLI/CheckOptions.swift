import Conformance
import Foundation
import SessionsAPI

/// The options of `sessions check`, each declared once: the default a setting gets when the
/// option is absent is the one its help shows.
enum CheckOptions {
    static let api = DefaultedOption(
        "api", value: "api", help: "Which API to check: cid222, konnect or both.", default: APIKind.allCases,
        parser: ValueParser(
            expectation: "expected cid222, konnect or both",
            show: { $0 == APIKind.allCases ? "both" : $0.map(\.rawValue).joined(separator: ",") },
            read: { text in text == "both" ? APIKind.allCases : APIKind(rawValue: text).map { [$0] } }))
    static let target = DeclaredOption(
        "target", value: "url", help: "Base URL of the deployment; absent: the built-in mock.",
        parser: ValueParser<URL>(expectation: "expected an http:// or https:// URL") { text in
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
                ["http", "https"].contains(scheme), url.host != nil
            else { return nil }
            return url
        })
    // Credentials are plain specs: their values are never echoed in an error, so
    // `CheckCommand` reads them itself.
    static let token = OptionSpec(
        "token", value: "jwt",
        help:
            "CID222 user JWT; the environment variable \(CheckCommand.tokenEnvironmentKey) is read when absent."
    )
    static let tokenB = OptionSpec(
        "token-b", value: "jwt", help: "A JWT of another tenant, for isolation checks (else skipped).")
    static let expiredToken = OptionSpec(
        "expired-token", value: "jwt",
        help: "A correctly signed CID222 JWT that has expired, for the expiry check (else skipped).")
    static let apiKey = OptionSpec(
        "api-key", value: "key",
        help:
            "Konnect API key; the environment variable \(CheckCommand.apiKeyEnvironmentKey) is read when absent."
    )
    static let apiKeyB = OptionSpec(
        "api-key-b", value: "key", help: "A key of another user, for isolation checks (else skipped).")
    static let model = DefaultedOption(
        "model", value: "model", help: "CID222 model for message sends.", default: "mock-small-512",
        parser: .nonEmpty("model"))
    static let contextLimit = DefaultedOption(
        "context-limit", value: "tokens", help: "Context window of --model, to drive summarization.",
        default: 512, parser: .integer(atLeast: 1))
    static let specs = DeclaredOption(
        "specs", value: "dir",
        help: "Folder holding requirements.json and the scenarios; absent: the specs built into this binary.",
        parser: .path)
    static let timeout = DefaultedOption(
        "timeout", value: "seconds", help: "Seconds a request may wait for data.", default: 30,
        parser: .number(above: 0, unit: "seconds"))
    static let strict = DeclaredFlag(
        "strict", help: "Count deviations from inferred requirements as failures.")
    static let maxRequests = DeclaredOption(
        "max-requests", value: "n", help: "Stop after this many requests (cleanup excluded).",
        parser: .integer(atLeast: 1))
    static let reportJSON = DeclaredOption(
        "report-json", value: "file", help: "Write the full report as JSON.", parser: .path)
    static let junit = DeclaredOption(
        "junit", value: "file", help: "Write a JUnit XML report, one testcase per requirement.", parser: .path
    )
    static let record = DeclaredOption(
        "record", value: "dir", help: "Write each scenario's exchanges as a JSON transcript.", parser: .path)
    static let scenario = DeclaredOption(
        "scenario", value: "text", help: "Run only the scenarios whose name contains this.",
        parser: .nonEmpty("text"))
    static let seed = DefaultedOption(
        "seed", value: "seed", help: "Seed of the built-in mock.", default: UInt64(0), parser: .seed)
    static let clock = DefaultedOption(
        "clock", value: "start[,tick]", help: "Fixed clock of the built-in mock.",
        default: ClockSpec(start: 1_735_689_600, tick: 1), parser: .clock)
    static let header = DeclaredOption(
        "header", value: "name: value",
        help:
            "Send this header with every request, cleanup included (repeatable), e.g. a tenant route or a WAF "
            + "token. Reports, reproducers and recordings leave it out.", repeatable: true,
        parser: .nonEmpty("header"))
    static let reportMarkdown = DeclaredOption(
        "report-md", value: "file",
        help: "Write a Markdown summary (tables per scenario and per failing requirement, reproducers "
            + "folded), e.g. to $GITHUB_STEP_SUMMARY.", parser: .path)
    static let quiet = DeclaredFlag(
        "quiet", help: "No progress lines on stderr; print only failing requirements and the totals.")
    static let overHTTP = DeclaredFlag(
        "over-http", help: "Check the built-in mock over a socket instead of in process.")

    /// In the order help lists them.
    static let all: [OptionSpec] = [
        api.spec, target.spec, token, tokenB, expiredToken, apiKey, apiKeyB, header.spec, model.spec,
        contextLimit.spec, specs.spec, timeout.spec, strict.spec, maxRequests.spec, reportJSON.spec,
        reportMarkdown.spec, junit.spec, record.spec, quiet.spec, scenario.spec, seed.spec, clock.spec,
        overHTTP.spec,
    ]
}

extension ValueParser where Value == URL {
    /// A file or folder path; only the empty one is refused.
    static let path = ValueParser(expectation: "empty path", show: \.path) { text in
        text.isEmpty ? nil : URL(fileURLWithPath: text)
    }
}
