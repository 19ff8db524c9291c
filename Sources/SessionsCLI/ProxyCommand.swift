import Conformance
import Foundation
import HTTPServer

/// Everything `sessions proxy` needs, parsed from its options.
package struct ProxySettings: Sendable {
    package var proxy: SessionsProxy.Settings
    package var junit: URL?
    package var reportJSON: URL?
}

/// `sessions proxy`: relays a client's traffic to a target and validates every exchange.
package enum ProxyCommand {
    static let defaultPort = 8081

    package static let spec = CommandSpec(
        name: "proxy",
        abstract: "Relay a client's traffic to a target and validate it against the specs.",
        discussion: """
            Prints 'listening on http://HOST:PORT', then forwards every request to the target and
            relays each answer as it arrives (event streams unbuffered, bodies unchanged), judging
            requests, answers, streams and the state across them with the requirements of 'check'.
            Each deviation is printed as it happens; GET /__admin/proxy/report returns the report
            so far. On SIGINT or SIGTERM the reports are written and the exit status is 0 without
            failures, 1 with one (with --strict, warnings count too).
            """,
        options: [
            OptionSpec("target", value: "url", help: "Base URL to relay to (http or https); required."),
            OptionSpec("host", value: "host", help: "Address to bind.", default: "127.0.0.1"),
            OptionSpec(
                "port", value: "port", help: "Port to bind; 0 picks a free port.", default: "\(defaultPort)"),
            OptionSpec(
                "api", value: "api", help: "Which API to validate: cid222, konnect or both.", default: "both"),
            OptionSpec("strict", help: "Count deviations from inferred requirements as failures."),
            OptionSpec("junit", value: "file", help: "On exit, write a JUnit XML report."),
            OptionSpec("report-json", value: "file", help: "On exit, write the full report as JSON."),
            OptionSpec(
                "record", value: "dir",
                help: "On exit, write the traffic as transcripts that 'sessions serve --replay' serves."),
        ])

    static let entry = CommandEntry(spec: spec) { options, _ throws(UsageError) in
        await run(try settings(from: options))
    }

    /// Turns parsed options into settings; every bad value is a usage error naming its option.
    package static func settings(from parsed: ParsedOptions) throws(UsageError) -> ProxySettings {
        if let extra = parsed.positionals.first { throw UsageError("Unexpected argument '\(extra)'") }
        guard let text = parsed.value("target") else { throw UsageError("Missing '--target <url>'") }
        guard let target = URL(string: text), let scheme = target.scheme?.lowercased(),
            ["http", "https"].contains(scheme), target.host != nil
        else { throw invalid(text, "target", "expected an http:// or https:// URL") }
        var proxy = SessionsProxy.Settings(target: target)
        proxy.port = defaultPort
        if let host = parsed.value("host") {
            guard !host.isEmpty else { throw invalid(host, "host", "empty host") }
            proxy.host = host
        }
        if let port = parsed.value("port") {
            guard let value = Int(port), (0...65535).contains(value) else {
                throw invalid(port, "port", "expected 0 to 65535")
            }
            proxy.port = value
        }
        switch parsed.value("api") ?? "both" {
        case "both": proxy.apis = APIKind.allCases
        case let name:
            guard let api = APIKind(rawValue: name) else {
                throw invalid(name, "api", "expected cid222, konnect or both")
            }
            proxy.apis = [api]
        }
        proxy.strict = parsed.flag("strict")
        proxy.record = try path(parsed, "record")
        return ProxySettings(
            proxy: proxy, junit: try path(parsed, "junit"), reportJSON: try path(parsed, "report-json"))
    }

    /// Relays until a signal, then writes the reports; the exit status is the report's.
    static func run(_ settings: ProxySettings) async -> Int32 {
        let proxy: SessionsProxy
        do {
            proxy = try await SessionsProxy.start(settings.proxy) { deviation in
                Console.out(deviation.line + "\n")
            }
        } catch {
            Console.error("Error: \(error)\n")
            return SessionsCommand.failureStatus
        }
        let signals = SignalShutdown.install { await proxy.shutdown() }
        Console.out(ServeCommand.listeningLine(host: settings.proxy.host, port: proxy.port))
        await proxy.waitUntilStopped()
        signals.cancel()
        let report = proxy.report()
        do {
            try proxy.recorder?.flush()
            try write(report, settings)
        } catch {
            Console.error("Error: cannot write a report: \(error)\n")
            return SessionsCommand.failureStatus
        }
        Console.out(ConsoleReporter.summary(report.report) + "\n")
        return report.exitCode
    }

    static func write(_ report: ProxyReport, _ settings: ProxySettings) throws {
        if let file = settings.reportJSON { try Data(report.encoded()).write(to: file) }
        if let file = settings.junit { try Data(JUnitWriter.xml(report.report).utf8).write(to: file) }
    }

    private static func path(_ parsed: ParsedOptions, _ name: String) throws(UsageError) -> URL? {
        guard let text = parsed.value(name) else { return nil }
        guard !text.isEmpty else { throw invalid(text, name, "empty path") }
        return URL(fileURLWithPath: text)
    }

    private static func invalid(_ value: String, _ name: String, _ reason: String) -> UsageError {
        let option = spec.option(named: name) ?? OptionSpec(name, help: "")
        return UsageError.invalidValue(value, for: option, because: reason)
    }
}
