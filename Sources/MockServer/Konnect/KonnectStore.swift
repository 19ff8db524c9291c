/// Konnect's sessions, per namespace and per API key. (Filled in by the Konnect mock.)
public final class KonnectStore: Sendable {
    public init() {}
}
