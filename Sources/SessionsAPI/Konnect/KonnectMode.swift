/// How Konnect answers a chat turn (`001_e881a79b0c8c0818.txt`, "Sessions API": the `mode`
/// of a session). The mock draws a different number of models for each.
public enum KonnectMode: String, Codable, Sendable, CaseIterable {
    case smartChat = "smart_chat"
    case ensemble
    case debate
    case council

    /// The mode of a session created without one.
    public static let `default` = KonnectMode.smartChat

    /// How many models a turn in this mode names in `models_used`: fixed, or a range the
    /// mock draws from.
    public var modelCountRange: ClosedRange<Int> {
        switch self {
        case .smartChat: return 1...1
        case .ensemble: return 2...5
        case .debate: return 2...2
        case .council: return 3...3
        }
    }

    /// The models the mock names in `models_used`, the pool every turn draws from.
    public static let modelPool = [
        "gpt-4o", "claude-3-opus", "claude-3-5-sonnet", "gemini-1.5-pro", "llama-3-70b", "mistral-large",
    ]
}
