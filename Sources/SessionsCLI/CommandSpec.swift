/// One option of a subcommand, as shown in help and accepted by the parser.
package struct OptionSpec: Sendable, Equatable {
    /// Long name without the dashes, kebab-case.
    package var name: String
    package var short: Character?
    /// Placeholder of the value (`port` shows as `<port>`); nil for a flag without value.
    package var valueName: String?
    package var help: String
    /// Shown as `(default: x)`.
    package var defaultValue: String?
    /// May be given more than once; every value is kept.
    package var isRepeatable: Bool

    package init(
        _ name: String, short: Character? = nil, value: String? = nil, help: String,
        default defaultValue: String? = nil,
        repeatable: Bool = false
    ) {
        self.name = name
        self.short = short
        self.valueName = value
        self.help = help
        self.defaultValue = defaultValue
        self.isRepeatable = repeatable
    }

    /// `--port <port>` as argument-parser writes it in help and errors.
    package var label: String {
        let long = "--\(name)" + (valueName.map { " <\($0)>" } ?? "")
        guard let short else { return long }
        return "-\(short), \(long)"
    }

    /// The form used in error messages: the long name and its placeholder.
    package var errorLabel: String {
        "--\(name)" + (valueName.map { " <\($0)>" } ?? "")
    }

    static let help = OptionSpec("help", short: "h", help: "Show help information.")
    /// Only before a subcommand: `sessions --version`.
    static let version = OptionSpec("version", help: "Show the version.")
}

/// What a subcommand accepts and says about itself.
package struct CommandSpec: Sendable {
    package var name: String
    package var abstract: String
    package var discussion: String?
    package var options: [OptionSpec]
    /// Exit status for a usage error: 64 by the usual convention; a command whose callers
    /// (CI scripts) read 2 as "could not run at all" says so.
    package var usageErrorStatus: Int32

    package init(
        name: String, abstract: String, discussion: String? = nil, options: [OptionSpec],
        usageErrorStatus: Int32 = 64
    ) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.options = options + [OptionSpec.help]
        self.usageErrorStatus = usageErrorStatus
    }

    func option(named name: String) -> OptionSpec? {
        options.first { $0.name == name }
    }

    func option(short: Character) -> OptionSpec? {
        options.first { $0.short == short }
    }
}

/// A mistake in how the command was invoked (exit status 64).
package struct UsageError: Error, Equatable, Sendable {
    package var message: String

    package init(_ message: String) {
        self.message = message
    }

    static func invalidValue(_ value: String, for option: OptionSpec, because reason: String? = nil)
        -> UsageError
    {
        let suffix = reason.map { ": \($0)" } ?? "."
        return UsageError("The value '\(value)' is invalid for '\(option.errorLabel)'\(suffix)")
    }
}
