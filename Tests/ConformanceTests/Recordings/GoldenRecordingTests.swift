import Conformance
import Foundation
import MockServer
import Testing

/// `Recordings/` must equal, byte for byte, a fresh deterministic run of every scenario.
/// To accept a change of behaviour, regenerate them (`Recordings/regenerate.sh`) and review
/// the diff of `Recordings/` like any other change.
@Suite(.serialized) struct GoldenRecordingTests {
    static let regenerateVariable = "SESSIONS_RECORD_GOLDEN"

    private static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("golden-\(UUID().uuidString)")
    }

    @Test func committedRecordingsEqualAFreshRun() async throws {
        let committed = GoldenRun.recordingsDirectory
        if ProcessInfo.processInfo.environment[Self.regenerateVariable] == "1" {
            for api in APIKind.allCases {
                try? FileManager.default.removeItem(at: committed.appendingPathComponent(api.rawValue))
            }
            let report = try await GoldenRun.record(into: committed)
            #expect(report.summary.failed == 0)
            return
        }
        let fresh = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: fresh) }
        try await GoldenRun.record(into: fresh)
        let problems = try GoldenComparison.compare(committed: committed, fresh: fresh)
        #expect(
            problems.isEmpty,
            "Recordings/ differ from a fresh run; if the change is intended, run Recordings/regenerate.sh\n\(problems.joined(separator: "\n"))"
        )
    }

    @Test func twoRunsWithTheSameSeedAndClockAreIdentical() async throws {
        let first = Self.temporaryDirectory()
        let second = Self.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        try await GoldenRun.record(into: first, apis: [.konnect], scenarioFilter: "pagination")
        try await GoldenRun.record(into: second, apis: [.konnect], scenarioFilter: "pagination")
        #expect(try GoldenComparison.compare(committed: first, fresh: second) == [])
    }

    @Test func anotherSeedChangesIdsButNotStructure() async throws {
        let other = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: other) }
        try await GoldenRun.record(into: other, seed: 7)
        let bytes = try GoldenComparison.compare(committed: GoldenRun.recordingsDirectory, fresh: other)
        #expect(!bytes.isEmpty, "a different seed must change the recorded ids")
        let differences = TranscriptDiff().compare(
            try TranscriptSet.load(from: GoldenRun.recordingsDirectory.path),
            try TranscriptSet.load(from: other.path))
        #expect(differences == [])
    }

    @Test func theComparisonNamesTheFileAndTheFirstDifferentLine() throws {
        let a = Self.temporaryDirectory()
        let b = Self.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: a)
            try? FileManager.default.removeItem(at: b)
        }
        for (root, text) in [(a, "one\ntwo\nthree\n"), (b, "one\nTWO\nthree\n")] {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent("konnect"), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: root.appendingPathComponent("konnect/x.json"))
        }
        try Data("{}".utf8).write(to: b.appendingPathComponent("konnect/extra.json"))
        let problems = try GoldenComparison.compare(committed: a, fresh: b)
        #expect(
            problems == [
                "konnect/extra.json: produced by the run but not committed",
                "konnect/x.json:2: committed \"two\", fresh run \"TWO\"",
            ])
    }
}

/// Byte-for-byte comparison of two recording folders, reporting per file the first line
/// that differs.
enum GoldenComparison {
    static func compare(committed: URL, fresh: URL) throws -> [String] {
        let left = try files(under: committed)
        let right = try files(under: fresh)
        var problems: [String] = []
        for name in Set(left.keys).union(right.keys).sorted() {
            switch (left[name], right[name]) {
            case (let a?, let b?) where a != b:
                problems.append(firstDifference(name, a, b))
            case (_?, nil): problems.append("\(name): committed but not produced by the run")
            case (nil, _?): problems.append("\(name): produced by the run but not committed")
            default: break
            }
        }
        return problems
    }

    private static func files(under root: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return result }
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".json") else { continue }
            result[relative] = try Data(contentsOf: root.appendingPathComponent(relative))
        }
        return result
    }

    private static func firstDifference(_ name: String, _ a: Data, _ b: Data) -> String {
        let x = String(decoding: a, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let y = String(decoding: b, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(x.count, y.count) {
            let p = index < x.count ? "\"\(x[index])\"" : "end of file"
            let q = index < y.count ? "\"\(y[index])\"" : "end of file"
            if p != q { return "\(name):\(index + 1): committed \(p), fresh run \(q)" }
        }
        return "\(name): differs in bytes that are not visible as text"
    }
}
