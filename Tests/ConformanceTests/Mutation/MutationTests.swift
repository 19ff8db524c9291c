import Conformance
import Testing

/// Each broken variant of the mock must be caught, and the runner must name exactly the
/// requirements that broke: no fewer (the check works) and no more (deviations are precise).
/// Serialized: seventy full runs at once would starve the socket tests running beside them.
@Suite(.serialized, .timeLimit(.minutes(2))) struct MutationTests {
    @Test func thereAreEnoughMutations() {
        #expect(Mutation.all.count >= 20)
        #expect(Set(Mutation.all.map { "\($0.api)/\($0.name)" }).count == Mutation.all.count)
    }

    @Test(arguments: Mutation.all)
    func theRunnerNamesExactlyTheBrokenRequirements(_ mutation: Mutation) async throws {
        let report = try await LiveMock.with(wrap: mutation.wrap) { try await $0.check([mutation.api]) }
        #expect(report.deviatingIDs == mutation.broken, "\(mutation.name):\n\(report.deviationText)")
        // A documented requirement broken fails the run; an inferred one only warns.
        let documented = report.requirements.contains {
            mutation.broken.contains($0.id) && $0.level == "documented"
        }
        #expect(report.exitCode == (documented ? 1 : 0))
    }
}
