/// A JSON object that keeps its keys in insertion order (for readable output with
/// `sortedKeys: false`) while equality and hashing ignore that order.
public struct JSONObject: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    public private(set) var keys: [String] = []
    private var storage: [String: JSONValue] = [:]

    /// Creates an empty object.
    public init() {}

    /// Creates an object from pairs in order; a repeated key keeps its first position and
    /// its last value.
    public init<S: Sequence>(_ pairs: S) where S.Element == (String, JSONValue) {
        for (key, value) in pairs { self[key] = value }
    }

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }

    /// The number of members.
    public var count: Int { keys.count }
    /// Whether the object has no members.
    public var isEmpty: Bool { keys.isEmpty }
    /// The values in key order.
    public var values: [JSONValue] { keys.compactMap { storage[$0] } }
    /// The members as a dictionary (order lost).
    public var dictionary: [String: JSONValue] { storage }

    /// The member named `key`; assigning `nil` removes it, assigning a new key appends it.
    public subscript(key: String) -> JSONValue? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// Whether a member named `key` exists (even if its value is `null`).
    public func contains(_ key: String) -> Bool { storage[key] != nil }

    public func makeIterator() -> AnyIterator<(key: String, value: JSONValue)> {
        var index = 0
        let keys = self.keys
        let storage = self.storage
        return AnyIterator {
            while index < keys.count {
                let key = keys[index]
                index += 1
                if let value = storage[key] { return (key, value) }
            }
            return nil
        }
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.storage == rhs.storage
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent: combine the members' own hashes commutatively.
        var combined = 0
        for (key, value) in storage {
            var member = Hasher()
            member.combine(key)
            member.combine(value)
            combined ^= member.finalize()
        }
        hasher.combine(storage.count)
        hasher.combine(combined)
    }
}
