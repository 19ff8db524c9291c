import Locking

/// The wire bytes of one stored session, encoded on first use and shared by every later read
/// until the record changes (each change gives the record a new, empty instance). A GET of
/// an unchanged session then costs a copy of bytes instead of a run of `JSONEncoder`, and the
/// encoding happens outside the user's lock.
final class KonnectEncodedForms: Sendable, Equatable {
    private struct Forms {
        var summary: [UInt8]?
        var detail: [UInt8]?
    }

    private let forms = Locked(Forms())

    func summary(_ encode: () -> [UInt8]) -> [UInt8] { cached(\.summary, encode) }

    func detail(_ encode: () -> [UInt8]) -> [UInt8] { cached(\.detail, encode) }

    private func cached(_ form: WritableKeyPath<Forms, [UInt8]?>, _ encode: () -> [UInt8]) -> [UInt8] {
        if let cached = forms.withLock({ $0[keyPath: form] }) { return cached }
        let bytes = encode()
        forms.withLock { $0[keyPath: form] = bytes }
        return bytes
    }

    /// A cache never makes two records differ.
    static func == (lhs: KonnectEncodedForms, rhs: KonnectEncodedForms) -> Bool { true }
}
