import Foundation
import Testing

@Suite struct SeedHeadingsTests {
    /// Runs only where the seeds sit beside the clone (`<repo>/../shared/seeds/`): the list in
    /// `SeedHeadings` must name lines that really appear in each seed.
    @Test func headingsAppearInTheSeedsWhenPresent() throws {
        for (file, headings) in SeedHeadings.byFile {
            let url = SeedHeadings.seedsDirectory.appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            let lines = Set(
                text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) })
            for heading in headings {
                #expect(lines.contains(heading), "'\(heading)' is not a line of \(file)")
            }
        }
    }
}
