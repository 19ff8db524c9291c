/// A subcommand: its spec, and what runs once its options parsed.
package struct CommandEntry: Sendable {
    package var spec: CommandSpec
    /// Runs the command with its parsed options and the process environment; returns the exit
    /// status. Bad option values are reported by throwing `UsageError`.
    package var run: @Sendable (ParsedOptions, [String: String]) async throws(UsageError) -> Int32

    package init(
        spec: CommandSpec,
        run: @escaping @Sendable (ParsedOptions, [String: String]) async throws(UsageError) -> Int32
    ) {
        self.spec = spec
        self.run = run
    }
}

/// Every subcommand of `sessions`. A new subcommand lives in its own file and adds one line here.
enum CommandTable {
    static let toolName = "sessions"
    static let abstract = "A mock server and conformance suite for the CID222 and Konnect Sessions APIs."

    static let all: [CommandEntry] = [
        ServeCommand.entry,
        TokenCommand.entry,
        CheckCommand.entry,
        DiffCommand.entry,
        ProxyCommand.entry,
    ]

    static func entry(named name: String) -> CommandEntry? {
        all.first { $0.spec.name == name }
    }
}
