import Foundation

/// The specs compiled into the binary, written out as a `Specs/` folder for the runner, which
/// reads files (all of them while it is built; the copy is removed right after). Without
/// `--specs`, `check` runs on this copy, so a binary copied alone into an empty directory (a
/// CI job that only downloads it) still finds its specs.
struct EmbeddedSpecsCopy: Sendable {
    /// The folder holding the copy: `requirements.json`, `<api>/openapi.json`, `<api>/scenarios/`.
    let directory: URL

    /// Writes every embedded file under a new folder of the temporary directory.
    static func write() throws -> EmbeddedSpecsCopy {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("sessions-specs-\(UUID().uuidString)", isDirectory: true)
        do {
            for (path, text) in EmbeddedSpecs.files {
                let file = directory.appendingPathComponent(path)
                try FileManager.default.createDirectory(
                    at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: file)
            }
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw EmbeddedSpecsError(directory: directory.path, reason: "\(error)")
        }
        return EmbeddedSpecsCopy(directory: directory)
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// The embedded specs could not be written out (a full or read-only temporary directory).
struct EmbeddedSpecsError: Error, CustomStringConvertible {
    var directory: String
    var reason: String

    var description: String {
        "cannot write the built-in specs to \(directory) (\(reason)); set TMPDIR to a writable folder or "
            + "pass --specs DIR"
    }
}
