/// The version of this package, shown by `sessions --version`, in the mock's `Server`
/// header and in `check` reports. Bumped by hand with each release (SwiftPM has no build
/// step that could read a git tag without a plugin, and this package has none).
public enum SessionsVersion {
    public static let current = "1.0.0"

    /// `sessions-mock/1.0.0`: the product and its version, as RFC 9110 §10.2.4 writes a
    /// `Server` field.
    public static let serverHeader = "sessions-mock/\(current)"
}
