import MockServer

/// Reading the options that keep a shared mock safe: the admin token, the connection limits
/// and the memory caps.
extension ServeCommand {
    package static let adminTokenEnvironmentKey = "SESSIONS_ADMIN_TOKEN"

    /// Reads the options of `ServeOptions.hardening` into `options`.
    static func applyHardeningOptions(
        _ parsed: ParsedOptions, environment: [String: String], to options: inout MockOptions
    ) throws(UsageError) {
        if let token = try ServeOptions.adminToken.given(in: parsed) ?? environment[adminTokenEnvironmentKey]
        {
            guard !token.isEmpty else { throw invalid(token, "admin-token", "empty token") }
            options.adminToken = token
        }
        options.writeTimeout = try ServeOptions.writeTimeout.value(in: parsed)
        options.maxConnections = try ServeOptions.maxConnections.value(in: parsed)
        options.limits.maxNamespaces = try ServeOptions.maxNamespaces.value(in: parsed)
        options.limits.maxSessionsPerNamespace = try ServeOptions.maxSessionsPerNamespace.value(in: parsed)
        options.limits.maxJournalBytes = try ServeOptions.maxJournalBytes.value(in: parsed)
        options.limits.maxScriptedReplies = try ServeOptions.maxReplies.value(in: parsed)
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

/// The `serve` options that keep a shared mock safe, each declared once with its default
/// read from `MockOptions()`.
extension ServeOptions {
    static let adminToken = DeclaredOption(
        "admin-token", value: "token",
        help: "Require 'Authorization: Bearer <token>' on every /__admin/ route; the environment "
            + "variable \(ServeCommand.adminTokenEnvironmentKey) is read when the option is absent.",
        parser: .nonEmpty("token"))
    static let writeTimeout = DefaultedOption(
        "write-timeout", value: "seconds",
        help: "Close a connection whose client reads nothing of a response for this long.",
        default: mockDefaults.writeTimeout, parser: .number(above: 0, unit: "seconds"))
    static let maxConnections = DefaultedOption(
        "max-connections", value: "n", help: "Connections served at once; past it, 503 and close.",
        default: mockDefaults.maxConnections, parser: .integer(atLeast: 1))
    static let maxNamespaces = DefaultedOption(
        "max-namespaces", value: "n",
        help: "Namespaces holding state at once; a request in one more gets 507.",
        default: mockDefaults.limits.maxNamespaces, parser: .integer(atLeast: 1))
    static let maxSessionsPerNamespace = DefaultedOption(
        "max-sessions-per-namespace", value: "n",
        help: "Sessions of each API in one namespace; creating one more gets 507.",
        default: mockDefaults.limits.maxSessionsPerNamespace, parser: .integer(atLeast: 1))
    static let maxJournalBytes = DefaultedOption(
        "max-journal-bytes", value: "bytes",
        help: "Bytes the request journal keeps over all namespaces; the oldest entries go first.",
        default: mockDefaults.limits.maxJournalBytes, parser: .integer(atLeast: 1))
    static let maxReplies = DefaultedOption(
        "max-replies", value: "n",
        help: "Scripted replies over all namespaces; registering one more gets 507.",
        default: mockDefaults.limits.maxScriptedReplies, parser: .integer(atLeast: 1))

    static let hardening: [OptionSpec] = [
        adminToken.spec, writeTimeout.spec, maxConnections.spec, maxNamespaces.spec,
        maxSessionsPerNamespace.spec, maxJournalBytes.spec, maxReplies.spec,
    ]
}
