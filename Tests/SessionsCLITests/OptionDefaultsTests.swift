import Conformance
import Foundation
import MockServer
import SessionsAPI
import Testing

@testable import SessionsCLI

/// Each `(default: x)` in help is read from the same value the command uses when the option
/// is absent; these tests hold the help, `MockOptions()` and the check settings together.
@Suite("Option defaults")
struct OptionDefaultsTests {
    /// `name → x` for every `--name … (default: x)` in a help text; wrapped rows joined.
    static func helpDefaults(_ help: String) -> [String: String] {
        var rows: [String] = []
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("--") || trimmed.hasPrefix("-h,") {
                rows.append(trimmed)
            } else if !trimmed.isEmpty, line.hasPrefix("    "), let last = rows.popLast() {
                rows.append(last + " " + trimmed)
            }
        }
        var defaults: [String: String] = [:]
        for row in rows {
            guard let nameEnd = row.firstIndex(where: { $0 == " " }),
                let open = row.range(of: "(default: ", options: .backwards),
                let close = row[open.upperBound...].lastIndex(of: ")")
            else { continue }
            let name = String(row[row.index(row.startIndex, offsetBy: 2)..<nameEnd])
            defaults[name] = String(row[open.upperBound..<close])
        }
        return defaults
    }

    private static func help(_ command: String) -> String {
        guard case .output(let out, _, _) = SessionsCommand.resolve([command, "--help"]) else { return "" }
        return out
    }

    @Test func serveHelpShowsTheLibraryDefaults() throws {
        let mock = MockOptions()
        let expected: [String: String] = [
            "host": mock.host,
            "port": "\(ServeCommand.defaultPort)",
            "seed": "\(mock.seed)",
            "jwt-secret": mock.jwtSecret,
            "ttft": "\(mock.streaming.timeToFirstTokenMilliseconds)",
            "tokens-per-second": ValueParser.plain(mock.streaming.tokensPerSecond),
            "jitter": "\(mock.streaming.jitterMilliseconds)",
            "max-body-size": "\(mock.maxBodySize)",
            "journal-size": "\(mock.journalSize)",
            "journal-body-limit": "\(mock.journalBodyLimit)",
            "idle-timeout": ValueParser.plain(mock.idleTimeout),
            "reply-style": mock.replyShape.style.rawValue,
            "reply-words": "\(mock.replyShape.words.lowerBound)-\(mock.replyShape.words.upperBound)",
            "write-timeout": ValueParser.plain(mock.writeTimeout),
            "max-connections": "\(mock.maxConnections)",
            "max-namespaces": "\(mock.limits.maxNamespaces)",
            "max-sessions-per-namespace": "\(mock.limits.maxSessionsPerNamespace)",
            "max-journal-bytes": "\(mock.limits.maxJournalBytes)",
            "max-replies": "\(mock.limits.maxScriptedReplies)",
        ]
        #expect(Self.helpDefaults(Self.help("serve")) == expected)
    }

    /// Absent options leave every setting at `MockOptions()`'s value.
    @Test func serveWithoutOptionsRunsTheLibraryDefaults() throws {
        let mock = MockOptions()
        let settings = try ServeCommand.settings(
            from: try OptionParser.parse([], for: ServeCommand.spec), environment: [:])
        let options = settings.options
        #expect(options.host == mock.host)
        #expect(options.seed == mock.seed)
        #expect(options.clock == mock.clock)
        #expect(options.jwtSecret == mock.jwtSecret)
        #expect(options.streaming == mock.streaming)
        #expect(options.maxBodySize == mock.maxBodySize)
        #expect(options.journalSize == mock.journalSize)
        #expect(options.journalBodyLimit == mock.journalBodyLimit)
        #expect(options.idleTimeout == mock.idleTimeout)
        #expect(options.konnectAPIKeys == mock.konnectAPIKeys)
        #expect(options.blocklist == mock.blocklist)
        #expect(options.replyShape == mock.replyShape)
        #expect(options.models == mock.models)
    }

    @Test func checkHelpShowsTheDefaultsTheSettingsGet() throws {
        let settings = try CheckCommand.settings(
            from: try OptionParser.parse([], for: CheckCommand.spec), environment: [:])
        let apis = settings.apis == APIKind.allCases ? "both" : settings.apis.map(\.rawValue).joined()
        let expected: [String: String] = [
            "api": apis,
            "model": settings.model,
            "context-limit": "\(settings.contextLimit)",
            "timeout": ValueParser.plain(settings.timeout),
            "seed": "\(settings.seed)",
            "clock": "\(Timestamp.format(settings.clock.start)),\(settings.clock.tick)",
        ]
        #expect(Self.helpDefaults(Self.help("check")) == expected)
    }

    @Test func theHelpParserFindsWrappedDefaults() {
        let help = """
            OPTIONS:
              --idle-timeout <seconds>
                                      Close keep-alive connections idle this long. (default:
                                      60)
              --a <x>                 A. (default: 1)
            """
        #expect(Self.helpDefaults(help) == ["idle-timeout": "60", "a": "1"])
    }
}
