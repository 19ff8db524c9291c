/// One header line as sent, received or recorded; order and repeats are kept.
public struct WireHeader: Sendable, Codable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
