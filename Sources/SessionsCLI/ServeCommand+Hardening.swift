import MockServer

/// The `serve` options that keep a shared mock safe: the admin token, the connection
/// limits and the memory caps. Declared apart from the other options so each group is read in one place.
extension ServeCommand {
    public static let adminTokenEnvironmentKey = "SESSIONS_ADMIN_TOKEN"

    static let hardeningOptions: [OptionSpec] = [
        OptionSpec(
            "admin-token", value: "token",
            help: "Require 'Authorization: Bearer <token>' on every /__admin/ route; the environment "
                + "variable \(adminTokenEnvironmentKey) is read when the option is absent."),
        OptionSpec(
            "write-timeout", value: "seconds",
            help: "Close a connection whose client reads nothing of a response for this long.",
            default: "30"),
        OptionSpec(
            "max-connections", value: "n", help: "Connections served at once; past it, 503 and close.",
            default: "1024"),
        OptionSpec(
            "max-namespaces", value: "n",
            help: "Namespaces holding state at once; a request in one more gets 507.", default: "1000"),
        OptionSpec(
            "max-sessions-per-namespace", value: "n",
            help: "Sessions of each API in one namespace; creating one more gets 507.", default: "1000"),
        OptionSpec(
            "max-journal-bytes", value: "bytes",
            help: "Bytes the request journal keeps over all namespaces; the oldest entries go first.",
            default: "\(64 << 20)"),
        OptionSpec(
            "max-replies", value: "n",
            help: "Scripted replies over all namespaces; registering one more gets 507.", default: "10000"),
    ]

    /// Reads the options of `hardeningOptions` into `options`.
    static func applyHardeningOptions(
        _ parsed: ParsedOptions, environment: [String: String], to options: inout MockOptions
    ) throws(UsageError) {
        if let token = parsed.value("admin-token") ?? environment[adminTokenEnvironmentKey] {
            guard !token.isEmpty else { throw invalid(token, "admin-token", "empty token") }
            options.adminToken = token
        }
        if let text = parsed.value("write-timeout") {
            guard let value = Double(text), value.isFinite, value > 0 else {
                throw invalid(text, "write-timeout", "expected a number of seconds above 0")
            }
            options.writeTimeout = value
        }
        options.maxConnections = try positive(parsed, "max-connections") ?? options.maxConnections
        var limits = options.limits
        limits.maxNamespaces = try positive(parsed, "max-namespaces") ?? limits.maxNamespaces
        limits.maxSessionsPerNamespace =
            try positive(parsed, "max-sessions-per-namespace") ?? limits.maxSessionsPerNamespace
        limits.maxJournalBytes = try positive(parsed, "max-journal-bytes") ?? limits.maxJournalBytes
        limits.maxScriptedReplies = try positive(parsed, "max-replies") ?? limits.maxScriptedReplies
        options.limits = limits
    }

    private static func positive(_ parsed: ParsedOptions, _ name: String) throws(UsageError) -> Int? {
        guard let text = parsed.value(name) else { return nil }
        guard let value = Int(text), value >= 1 else {
            throw invalid(text, name, "expected a whole number of at least 1")
        }
        return value
    }

    /// The warning `serve` prints when the admin API is reachable from other machines with no
    /// token: anyone who can reach the port can reset, fault or read the mock.
    static func exposureWarning(for options: MockOptions) -> String? {
        guard options.adminToken == nil, !isLoopback(options.host) else { return nil }
        return "Warning: serving on \(options.host) without --admin-token: anyone who can reach this "
            + "port can use the /__admin/ routes (reset, faults, state, tokens).\n"
    }

    static func isLoopback(_ host: String) -> Bool {
        let lowered = host.lowercased()
        return lowered == "localhost" || lowered == "::1" || lowered == "[::1]" || lowered.hasPrefix("127.")
    }
}
