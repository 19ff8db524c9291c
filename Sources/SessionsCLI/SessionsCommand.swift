import Foundation
import SessionsAPI

/// What an invocation comes to before anything runs: text to print, or a command to run.
package enum Invocation: Sendable {
    /// Print `stdout` and `stderr`, exit with `status`.
    case output(stdout: String, stderr: String, status: Int32)
    /// Run the command with its parsed options.
    case run(CommandEntry, ParsedOptions)
}

/// Entry point of the `sessions` command line.
package enum SessionsCommand {
    /// Exit status of a usage error before a subcommand is known.
    package static let usageErrorStatus: Int32 = 64
    package static let failureStatus: Int32 = 1

    /// Runs the command line and returns the process exit code.
    package static func run(
        _ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment
    ) async -> Int32 {
        switch resolve(arguments) {
        case .output(let stdout, let stderr, let status):
            Console.out(stdout)
            Console.error(stderr)
            return status
        case .run(let entry, let options):
            do {
                return try await entry.run(options, environment)
            } catch {
                Console.error(usageErrorText(error, command: entry.spec))
                return entry.spec.usageErrorStatus
            }
        }
    }

    /// Parses the arguments without running anything: help, usage errors, or the command.
    package static func resolve(_ arguments: [String]) -> Invocation {
        let tool = CommandTable.toolName
        let rootHelp = HelpFormatter.rootHelp(
            toolName: tool, abstract: CommandTable.abstract, commands: CommandTable.all.map(\.spec))
        guard let first = arguments.first else {
            return .output(
                stdout: "", stderr: rootUsageError("Missing subcommand; expected one of: \(commandNames)"),
                status: usageErrorStatus)
        }
        if first == "--help" || first == "-h" {
            return .output(stdout: rootHelp, stderr: "", status: 0)
        }
        if first == OptionSpec.version.label {
            return .output(stdout: SessionsVersion.current + "\n", stderr: "", status: 0)
        }
        if first == "help" {
            guard arguments.count > 1 else { return .output(stdout: rootHelp, stderr: "", status: 0) }
            guard let entry = CommandTable.entry(named: arguments[1]) else {
                return .output(
                    stdout: "", stderr: rootUsageError("Unknown subcommand '\(arguments[1])'"),
                    status: usageErrorStatus)
            }
            return .output(stdout: HelpFormatter.help(for: entry.spec, toolName: tool), stderr: "", status: 0)
        }
        guard let entry = CommandTable.entry(named: first) else {
            return .output(
                stdout: "", stderr: rootUsageError("Unknown subcommand '\(first)'"), status: usageErrorStatus)
        }
        let rest = Array(arguments.dropFirst())
        let parsed: ParsedOptions
        do {
            parsed = try OptionParser.parse(rest, for: entry.spec)
        } catch {
            return .output(
                stdout: "", stderr: usageErrorText(error, command: entry.spec),
                status: entry.spec.usageErrorStatus)
        }
        if parsed.flag("help") {
            return .output(stdout: HelpFormatter.help(for: entry.spec, toolName: tool), stderr: "", status: 0)
        }
        return .run(entry, parsed)
    }

    /// `Error: …`, the usage line, and where to find help.
    package static func usageErrorText(_ error: UsageError, command: CommandSpec) -> String {
        let tool = CommandTable.toolName
        return """
            Error: \(error.message)
            Usage: \(HelpFormatter.usage(for: command, toolName: tool))
            See '\(tool) \(command.name) --help'.

            """
    }

    private static var commandNames: String {
        CommandTable.all.map(\.spec.name).joined(separator: ", ")
    }

    private static func rootUsageError(_ message: String) -> String {
        let tool = CommandTable.toolName
        return """
            Error: \(message)
            Usage: \(tool) <subcommand>
            See '\(tool) --help'.

            """
    }
}
