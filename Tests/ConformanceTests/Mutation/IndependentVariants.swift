/// The independent implementation's broken variants, by the requirement each must fail; the
/// tests next to that implementation run them.
enum IndependentVariants {
    static let all: [IndependentVariant] = []
}
