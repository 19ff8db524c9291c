/// The independent implementation's broken variants, by the requirement each must fail
/// (`IndependentConformanceTests.eachBreakageIsNamedByItsRequirement` runs them).
enum IndependentVariants {
    static let all: [IndependentVariant] = IndependentBreakage.allCases.compactMap { breakage in
        breakage.expectedFailure.map { IndependentVariant(name: "\(breakage)", broken: [$0]) }
    }
}
