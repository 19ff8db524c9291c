import Locking

/// The wire bytes of one stored session, encoded on first use and shared by every later read
/// until the record changes (each change gives the record a new, empty instance). A GET of
/// an unchanged session then costs a copy of bytes instead of a run of `JSONEncoder`, and the
/// encoding happens outside the user's lock.
final class KonnectEncodedForms: Sendable, Equatable {
    private let forms = Locked<(summary: [UInt8]?, detail: [UInt8]?)>((nil, nil))

    func summary(_ encode: () -> [UInt8]) -> [UInt8] {
        if let cached = forms.withLock({ $0.summary }) { return cached }
        let bytes = encode()
        forms.withLock { $0.summary = bytes }
        return bytes
    }

    func detail(_ encode: () -> [UInt8]) -> [UInt8] {
        if let cached = forms.withLock({ $0.detail }) { return cached }
        let bytes = encode()
        forms.withLock { $0.detail = bytes }
        return bytes
    }

    /// A cache never makes two records differ.
    static func == (lhs: KonnectEncodedForms, rhs: KonnectEncodedForms) -> Bool { true }
}
