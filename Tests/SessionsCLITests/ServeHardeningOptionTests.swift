import MockServer
import Testing

@testable import SessionsCLI

/// Issue 13, findings 3 and 6: the admin token, write timeout and connection cap on `serve`.
@Suite("serve: admin token and connection limits")
struct ServeHardeningOptionTests {
    private func settings(_ arguments: [String], environment: [String: String] = [:]) throws -> ServeSettings
    {
        let parsed = try OptionParser.parse(arguments, for: ServeCommand.spec)
        return try ServeCommand.settings(from: parsed, environment: environment)
    }

    @Test("--admin-token, else SESSIONS_ADMIN_TOKEN, sets the admin token; none by default")
    func adminToken() throws {
        #expect(try settings([]).options.adminToken == nil)
        #expect(try settings(["--admin-token", "t1"]).options.adminToken == "t1")
        #expect(try settings([], environment: ["SESSIONS_ADMIN_TOKEN": "t2"]).options.adminToken == "t2")
        #expect(
            try settings(["--admin-token=t1"], environment: ["SESSIONS_ADMIN_TOKEN": "t2"]).options.adminToken
                == "t1")
        #expect(throws: UsageError.self) { try settings(["--admin-token", ""]) }
    }

    @Test("--write-timeout and --max-connections are read and checked")
    func limits() throws {
        let parsed = try settings(["--write-timeout", "2.5", "--max-connections", "7"])
        #expect(parsed.options.writeTimeout == 2.5)
        #expect(parsed.options.maxConnections == 7)
        for bad in [["--write-timeout", "0"], ["--write-timeout", "nan"], ["--max-connections", "0"]] {
            #expect(throws: UsageError.self, "\(bad)") { try settings(bad) }
        }
    }

    @Test("the memory caps are read, checked, and default to MemoryLimits")
    func memoryCaps() throws {
        #expect(try settings([]).options.limits == MemoryLimits())
        let parsed = try settings([
            "--max-namespaces", "3", "--max-sessions-per-namespace", "4", "--max-journal-bytes", "5000",
            "--max-replies", "6",
        ])
        #expect(parsed.options.limits.maxNamespaces == 3)
        #expect(parsed.options.limits.maxSessionsPerNamespace == 4)
        #expect(parsed.options.limits.maxJournalBytes == 5000)
        #expect(parsed.options.limits.maxScriptedReplies == 6)
        #expect(throws: UsageError.self) { try settings(["--max-namespaces", "0"]) }
        #expect(throws: UsageError.self) { try settings(["--max-journal-bytes", "-1"]) }
    }

    @Test("binding a non-loopback host without an admin token warns; loopback or a token does not")
    func exposureWarning() throws {
        #expect(ServeCommand.exposureWarning(for: try settings(["--host", "0.0.0.0"]).options) != nil)
        #expect(ServeCommand.exposureWarning(for: try settings(["--host", "::"]).options) != nil)
        #expect(ServeCommand.exposureWarning(for: try settings([]).options) == nil)
        #expect(ServeCommand.exposureWarning(for: try settings(["--host", "::1"]).options) == nil)
        #expect(ServeCommand.exposureWarning(for: try settings(["--host", "localhost"]).options) == nil)
        let guarded = try settings(["--host", "0.0.0.0", "--admin-token", "t"])
        #expect(ServeCommand.exposureWarning(for: guarded.options) == nil)
    }
}
