import Conformance
import Foundation
import Testing

@testable import SessionsCLI

@Suite("sessions proxy: options")
struct ProxyCommandTests {
    private func settings(_ arguments: [String]) throws -> ProxySettings {
        try ProxyCommand.settings(from: try OptionParser.parse(arguments, for: ProxyCommand.spec))
    }

    private func usageMessage(_ arguments: [String]) -> String? {
        do {
            _ = try settings(arguments)
            return nil
        } catch let error as UsageError {
            return error.message
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func helpGolden() {
        let expected = """
            OVERVIEW: Relay a client's traffic to a target and validate it against the specs.

            Prints 'listening on http://HOST:PORT', then forwards every request to the target and
            relays each answer as it arrives (event streams unbuffered, bodies unchanged), judging
            requests, answers, streams and the state across them with the requirements of 'check'.
            Each deviation is printed as it happens; GET /__admin/proxy/report returns the report
            so far. On SIGINT or SIGTERM the reports are written and the exit status is 0 without
            failures, 1 with one (with --strict, warnings count too).

            USAGE: sessions proxy [<options>]

            OPTIONS:
              --target <url>          Base URL to relay to (http or https); required.
              --host <host>           Address to bind. (default: 127.0.0.1)
              --port <port>           Port to bind; 0 picks a free port. (default: 8081)
              --api <api>             Which API to validate: cid222, konnect or both.
                                      (default: both)
              --strict                Count deviations from inferred requirements as
                                      failures.
              --junit <file>          On exit, write a JUnit XML report.
              --report-json <file>    On exit, write the full report as JSON.
              --record <dir>          On exit, write the traffic as transcripts that
                                      'sessions serve --replay' serves.
              -h, --help              Show help information.

            """
        guard case .output(let stdout, _, let status) = SessionsCommand.resolve(["proxy", "--help"]) else {
            Issue.record("proxy --help did not print help")
            return
        }
        #expect(stdout == expected)
        #expect(status == 0)
    }

    @Test func optionsBecomeSettings() throws {
        let parsed = try settings([
            "--target", "https://gateway.example/api", "--port", "0", "--api", "konnect", "--strict",
            "--junit", "out.xml", "--report-json", "out.json", "--record", "rec",
        ])
        #expect(parsed.proxy.target.absoluteString == "https://gateway.example/api")
        #expect(parsed.proxy.port == 0)
        #expect(parsed.proxy.apis == [.konnect])
        #expect(parsed.proxy.strict)
        #expect(parsed.junit?.lastPathComponent == "out.xml")
        #expect(parsed.reportJSON?.lastPathComponent == "out.json")
        #expect(parsed.proxy.record?.lastPathComponent == "rec")
        let defaults = try settings(["--target", "http://127.0.0.1:8080"])
        #expect(defaults.proxy.port == 8081)
        #expect(defaults.proxy.host == "127.0.0.1")
        #expect(defaults.proxy.apis == APIKind.allCases)
        #expect(!defaults.proxy.strict)
    }

    @Test func badOptionsAreUsageErrors() {
        #expect(usageMessage([]) == "Missing '--target <url>'")
        #expect(
            usageMessage(["--target", "ftp://x"])
                == "The value 'ftp://x' is invalid for '--target <url>': expected an http:// or https:// URL")
        #expect(
            usageMessage(["--target", "http://x", "--api", "both2"])
                == "The value 'both2' is invalid for '--api <api>': expected cid222, konnect or both")
        #expect(
            usageMessage(["--target", "http://x", "--port", "70000"])
                == "The value '70000' is invalid for '--port <port>': expected 0 to 65535")
        #expect(usageMessage(["--target", "http://x", "extra"]) == "Unexpected argument 'extra'")
    }
}
