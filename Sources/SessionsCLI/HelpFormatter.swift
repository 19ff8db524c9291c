/// Help text in swift-argument-parser's layout: OVERVIEW, USAGE, OPTIONS, SUBCOMMANDS.
enum HelpFormatter {
    static let labelColumn = 26
    static let width = 80

    static func help(for spec: CommandSpec, toolName: String) -> String {
        var out = "OVERVIEW: \(spec.abstract)\n\n"
        if let discussion = spec.discussion { out += discussion + "\n\n" }
        out += "USAGE: \(usage(for: spec, toolName: toolName))\n\n"
        out += "OPTIONS:\n"
        for option in spec.options {
            var text = option.help
            if let value = option.defaultValue { text += " (default: \(value))" }
            out += row(label: option.label, text: text)
        }
        return out
    }

    static func usage(for spec: CommandSpec, toolName: String) -> String {
        "\(toolName) \(spec.name) [<options>]"
    }

    static func rootHelp(toolName: String, abstract: String, commands: [CommandSpec]) -> String {
        var out = "OVERVIEW: \(abstract)\n\n"
        out += "USAGE: \(toolName) <subcommand>\n\n"
        out += "OPTIONS:\n"
        out += row(label: OptionSpec.version.label, text: OptionSpec.version.help)
        out += row(label: OptionSpec.help.label, text: OptionSpec.help.help)
        out += "\nSUBCOMMANDS:\n"
        for command in commands { out += row(label: command.name, text: command.abstract) }
        out += "\n  See '\(toolName) help <subcommand>' for detailed help.\n"
        return out
    }

    /// `  label   text`, the text in its own column and wrapped at the line width.
    static func row(label: String, text: String) -> String {
        let indent = String(repeating: " ", count: labelColumn)
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty && labelColumn + current.count + 1 + word.count > width {
                lines.append(current)
                current = String(word)
            } else {
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        if !current.isEmpty { lines.append(current) }
        let head = "  " + label
        var out: String
        if head.count + 2 <= labelColumn {
            out = head + String(repeating: " ", count: labelColumn - head.count) + (lines.first ?? "") + "\n"
        } else {
            out = head + "\n" + (lines.first.map { indent + $0 + "\n" } ?? "")
        }
        for line in lines.dropFirst() { out += indent + line + "\n" }
        return out
    }
}
