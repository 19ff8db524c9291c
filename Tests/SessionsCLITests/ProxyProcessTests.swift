import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The built `sessions` binary: `serve` as the target, `proxy` in front; SIGTERM makes the
/// proxy write its reports and exit with their status.
@Suite("sessions proxy: process")
struct ProxyProcessTests {
    /// `sessions` next to the test bundle in the build folder.
    static var binary: URL? {
        var folder = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent("sessions")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    /// A child process whose first `listening on` line gives its port.
    final class Child: Sendable {
        let process: Process
        let port: Int

        init(_ binary: URL, _ arguments: [String]) async throws {
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            self.process = process
            let handle = output.fileHandleForReading
            // Blocking reads on their own thread, until the line that says the port is bound.
            port = await withCheckedContinuation { continuation in
                Thread.detachNewThread {
                    var text = ""
                    while text.count < 4096 {
                        let data = handle.availableData
                        if data.isEmpty { break }
                        text += String(decoding: data, as: UTF8.self)
                        if let line = text.split(separator: "\n").first(where: {
                            $0.hasPrefix("listening on http://")
                        }),
                            let port = line.split(separator: ":").last.flatMap({ Int($0) })
                        {
                            continuation.resume(returning: port)
                            return
                        }
                    }
                    continuation.resume(returning: 0)
                }
            }
        }

        /// Sends SIGTERM and waits for the exit status.
        func terminate() async -> Int32 {
            process.terminate()
            return await withCheckedContinuation { continuation in
                Thread.detachNewThread {
                    self.process.waitUntilExit()
                    continuation.resume(returning: self.process.terminationStatus)
                }
            }
        }
    }

    static func send(_ port: Int, _ method: String, _ path: String, key: String?, body: String?) async throws
        -> Int
    {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { return 0 }
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(body.utf8)
        }
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    @Test(arguments: [false, true])
    func sigtermWritesTheReportsAndExitsWithTheirStatus(clientErrs: Bool) async throws {
        let binary = try #require(Self.binary, "the sessions binary is built with the tests")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "proxy-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let mock = try await Child(binary, ["serve", "--port", "0", "--api-key", "sk_test_cli"])
        let json = folder.appendingPathComponent("report.json")
        let junit = folder.appendingPathComponent("report.xml")
        let proxy = try await Child(
            binary,
            [
                "proxy", "--target", "http://127.0.0.1:\(mock.port)", "--port", "0", "--report-json",
                json.path,
                "--junit", junit.path, "--record", folder.appendingPathComponent("rec").path,
            ])
        let status: Result<Int, any Error>
        do {
            status = .success(
                try await Self.send(
                    proxy.port, "POST", "/v1/chat", key: clientErrs ? nil : "sk_test_cli",
                    body: #"{"message":"hi"}"#))
        } catch {
            status = .failure(error)
        }
        let exit = await proxy.terminate()
        _ = await mock.terminate()
        #expect(try status.get() == (clientErrs ? 401 : 200))
        // A request without credentials is the client's documented deviation: exit 1.
        #expect(exit == (clientErrs ? 1 : 0))
        let report = try #require(FileManager.default.contents(atPath: json.path))
        #expect(String(decoding: report, as: UTF8.self).contains("\"exchanges\" : 1"))
        #expect(FileManager.default.fileExists(atPath: junit.path))
        #expect(
            FileManager.default.fileExists(
                atPath: folder.appendingPathComponent("rec/konnect/proxy.json").path))
    }
}
