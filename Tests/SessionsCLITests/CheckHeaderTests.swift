import Foundation
import JSONSchema
import MockServer
import Testing

@testable import SessionsCLI

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `check --header` against a live mock: the mock's journal shows the header on every
/// request, the cleanup deletes included; `--report-md` writes a summary.
@Suite("sessions check --header and --report-md against a live mock")
struct CheckHeaderTests {
    @Test func theHeaderReachesTheTargetOnEveryRequestIncludingCleanup() async throws {
        var options = MockOptions()
        options.konnectAPIKeys = ["sk_test_headerUser"]
        let mock = try await MockServer.start(port: 0, options: options)
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID()).md")
        defer { try? FileManager.default.removeItem(at: report) }
        do {
            // Pagination creates sessions and never deletes them: every DELETE is cleanup.
            let parsed = try OptionParser.parse(
                [
                    "--target", mock.baseURL.absoluteString, "--api", "konnect", "--api-key",
                    "sk_test_headerUser", "--scenario", "pagination", "--header", "X-Tenant-Route: blue",
                    "--header", "X-Waf-Token:s3cret", "--report-md", report.path, "--quiet",
                ], for: CheckCommand.spec)
            var settings = try CheckCommand.settings(from: parsed, environment: [:])
            settings.timeout = 120  // bounds a hang only; the suite's parallel runs load the machine
            #expect(await CheckCommand.run(settings) == 0)
            let entries = try await journal(of: mock)
            #expect(entries.count > 10)
            for entry in entries {
                let headers = entry["request"]?["headers"]
                #expect(headers?["x-tenant-route"] == .string("blue"), "\(entry["target"] ?? .null)")
                #expect(headers?["x-waf-token"] == .string("s3cret"))
            }
            #expect(entries.contains { $0["method"] == .string("DELETE") })
            let markdown = try String(contentsOf: report, encoding: .utf8)
            #expect(markdown.hasPrefix("# Sessions conformance: passed\n"), "\(markdown)")
            #expect(markdown.contains("| pagination | konnect | ✅ passed |"))
            #expect(!markdown.contains("s3cret"))
        } catch {
            await mock.stop()
            throw error
        }
        await mock.stop()
    }

    /// Every journal entry of the runner's namespace.
    private func journal(of mock: MockServer) async throws -> [JSONValue] {
        let url = try #require(
            URL(string: mock.baseURL.absoluteString + "/__admin/requests?limit=1000&namespace=conformance"))
        let (data, _) = try await URLSession(configuration: .ephemeral).data(from: url)
        return try JSONValue.parse(Array(data))["data"]?.arrayValue ?? []
    }

    @Test func aBadHeaderIsAUsageErrorThatNeverShowsTheValue() throws {
        for line in ["X-Waf-Token s3cret", "Authorization: Bearer s3cret", "Bad Name: s3cret"] {
            let parsed = try OptionParser.parse(["--header", line], for: CheckCommand.spec)
            do {
                _ = try CheckCommand.settings(from: parsed, environment: [:])
                Issue.record("expected a usage error for \(line)")
            } catch {
                #expect(error.message.contains("--header <name: value>"), "\(error.message)")
                #expect(!error.message.contains("s3cret"), "\(error.message)")
            }
        }
    }
}
