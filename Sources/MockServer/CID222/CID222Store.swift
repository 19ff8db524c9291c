/// CID222's sessions, per namespace and per tenant. (Filled in by the CID222 mock.)
public final class CID222Store: Sendable {
    public init() {}
}
