import Conformance

/// What `sessions diff` compares, parsed from its arguments.
package struct DiffSettings: Sendable, Equatable {
    package var a: String
    package var b: String
    package var exact: Bool
}

/// `sessions diff A B`: compares two recordings and lists where they behaved differently.
package enum DiffCommand {
    /// Exit statuses, as `diff(1)` uses them: equal, different, unreadable input.
    package static let equalStatus: Int32 = 0
    package static let differentStatus: Int32 = 1
    package static let unreadableStatus: Int32 = 2

    package static let spec = CommandSpec(
        name: "diff",
        abstract: "Compare two recordings made by 'sessions check --record'.",
        discussion: """
            A and B are transcript files or directories of them. Scenarios are paired by API and
            name, exchanges by step. Ids (UUIDs, sess_/msg_ ids) are compared by the order they
            first appear, so a swapped id is a difference; times, credentials, Date and hop-by-hop
            headers and stream chunking are ignored. Without --exact, model output (reply text,
            token counts, costs, models used) is compared by JSON type only and a run of streamed
            deltas counts as one event. Exits 0 when equal, 1 when different, 2 when a side
            cannot be read or the options are wrong.
            """,
        options: [
            OptionSpec("exact", help: "Also compare model output, every delta and every header.")
        ],
        usageErrorStatus: unreadableStatus)

    static let entry = CommandEntry(spec: spec) { options, _ throws(UsageError) in
        let settings = try settings(from: options)
        let (output, errors, status) = run(settings)
        Console.out(output)
        Console.error(errors)
        return status
    }

    /// Two positional paths and the flags; anything else is a usage error.
    package static func settings(from parsed: ParsedOptions) throws(UsageError) -> DiffSettings {
        let paths = parsed.positionals
        guard paths.count == 2 else {
            throw UsageError(
                paths.count < 2
                    ? "Missing expected argument '\(paths.isEmpty ? "<a>" : "<b>")'"
                    : "Unexpected argument '\(paths[2])'")
        }
        for path in paths where path.isEmpty { throw UsageError("An empty path is not a recording") }
        return DiffSettings(a: paths[0], b: paths[1], exact: parsed.flag("exact"))
    }

    /// Compares without touching the process's streams: the report, the error text, and
    /// the exit status.
    package static func run(_ settings: DiffSettings) -> (stdout: String, stderr: String, status: Int32) {
        let a: TranscriptSet
        let b: TranscriptSet
        do {
            a = try TranscriptSet.load(from: settings.a)
            b = try TranscriptSet.load(from: settings.b)
        } catch {
            return ("", "Error: \(error)\n", unreadableStatus)
        }
        let differences = TranscriptDiff(options: DiffOptions(exact: settings.exact)).compare(a, b)
        let scenarios = Set(a.transcripts.keys).union(b.transcripts.keys).count
        return (
            DiffReport.render(differences, scenarios: scenarios), "",
            differences.isEmpty ? equalStatus : differentStatus
        )
    }
}
