import Foundation
import SessionsAPI
import Testing

@testable import SessionsCLI

/// `Specs/` is the one source of truth; the copy compiled into the binary must equal it.
@Suite("Specs compiled into the binary")
struct EmbeddedSpecsTests {
    static let regenerate = "Specs/ and the embedded copy differ: run Scripts/embed-specs.sh, then rebuild"

    /// Every JSON file under `Specs/`, by path relative to it.
    static func specsOnDisk() throws -> [String: String] {
        let root = SpecsLocation.defaultDirectory.standardizedFileURL
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "json" else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            files[path] = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        }
        return files
    }

    @Test func theEmbeddedSpecsEqualSpecsOnDisk() throws {
        let disk = try Self.specsOnDisk()
        let embedded = Dictionary(
            EmbeddedSpecs.files.map { ($0.path, $0.text) }, uniquingKeysWith: { a, _ in a })
        #expect(embedded.count == EmbeddedSpecs.files.count, "a path is embedded twice")
        #expect(Set(embedded.keys) == Set(disk.keys), "\(Self.regenerate)")
        for (path, text) in disk where embedded[path] != text {
            Issue.record("\(path): \(Self.regenerate)")
        }
        #expect(disk["requirements.json"] != nil)
    }

    @Test func theCopyIsAUsableSpecsFolderAndIsRemoved() throws {
        let copy = try EmbeddedSpecsCopy.write()
        let catalogue = try RequirementCatalogue.load(
            from: copy.directory.appendingPathComponent("requirements.json"))
        #expect(!catalogue.requirements.isEmpty)
        for api in ["cid222", "konnect"] {
            let scenarios = copy.directory.appendingPathComponent("\(api)/scenarios")
            #expect(try !FileManager.default.contentsOfDirectory(atPath: scenarios.path).isEmpty)
        }
        copy.remove()
        #expect(!FileManager.default.fileExists(atPath: copy.directory.path))
    }

    @Test func checkWithoutSpecsUsesTheEmbeddedCopy() throws {
        let parsed = try OptionParser.parse([], for: CheckCommand.spec)
        #expect(try CheckCommand.settings(from: parsed, environment: [:]).specsDirectory == nil)
        let given = try OptionParser.parse(["--specs", "/tmp/s"], for: CheckCommand.spec)
        #expect(try CheckCommand.settings(from: given, environment: [:]).specsDirectory?.path == "/tmp/s")
    }
}
