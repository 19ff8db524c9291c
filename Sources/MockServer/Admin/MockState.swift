import Foundation
import JSONSchema
import SessionsAPI

/// Every session of both APIs in every namespace: what `GET /__admin/state` exports and
/// `PUT /__admin/state` (or `sessions serve --state FILE`) imports. Export, reset, import
/// gives identical API answers, since the snapshots are the stores' own state.
public struct MockState: Codable, Sendable, Equatable {
    public static let currentVersion = 1

    public var version: Int
    public var konnect: KonnectSnapshot
    public var cid222: CID222Snapshot

    public init(konnect: KonnectSnapshot, cid222: CID222Snapshot) {
        version = Self.currentVersion
        self.konnect = konnect
        self.cid222 = cid222
    }

    /// Reads and checks a state document; errors name the offending field by its path.
    public static func decode(_ bytes: [UInt8]) throws(AdminInputError) -> MockState {
        guard !bytes.isEmpty else {
            throw AdminInputError(field: "body", "the request body is empty; send a state")
        }
        // JSONDecoder alone accepts trailing commas and repeated keys; the strict parse does not.
        guard JSONValue.strictBody(bytes) != nil else {
            throw AdminInputError(field: "body", "is not valid JSON")
        }
        let state: MockState
        do {
            state = try JSONDecoder().decode(MockState.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw Self.inputError(error)
        } catch {
            throw AdminInputError(field: "body", "the request body is not valid JSON")
        }
        try state.validate()
        return try state.withFingerprintedKonnectUsers()
    }

    /// Konnect users named by key fingerprint, as the store keeps them. A raw key (from a
    /// state written before fingerprints, or by hand) is replaced by its fingerprint, so a
    /// request with that key finds its sessions; a name that is neither is refused.
    func withFingerprintedKonnectUsers() throws(AdminInputError) -> MockState {
        var copy = self
        for (namespace, users) in konnect.namespaces {
            var renamed: [String: KonnectUserSessions] = [:]
            for (name, sessions) in users {
                let field = "konnect.namespaces.\(namespace).\(name.prefix(64))"
                guard let stored = KonnectKeyFingerprint.storedName(forImported: name) else {
                    throw AdminInputError(
                        field: field, "must be a key fingerprint (sha256: and 32 hex digits) or an API key")
                }
                guard renamed[stored] == nil else {
                    throw AdminInputError(field: field, "names the same user as another entry")
                }
                renamed[stored] = sessions
            }
            copy.konnect.namespaces[namespace] = renamed
        }
        return copy
    }

    /// The counts an import reports.
    var sessionCounts: (konnect: Int, cid222: Int) {
        (konnect.sessionCount, cid222.namespaces.values.reduce(0) { $0 + $1.sessions.count })
    }

    private static func inputError(_ error: DecodingError) -> AdminInputError {
        let (path, message): ([any CodingKey], String)
        switch error {
        case .keyNotFound(let key, let context):
            (path, message) = (context.codingPath + [key], "is required")
        case .typeMismatch(let type, let context):
            (path, message) = (context.codingPath, "has the wrong type; expected \(type)")
        case .valueNotFound(let type, let context):
            (path, message) = (context.codingPath, "must not be null; expected \(type)")
        case .dataCorrupted(let context):
            (path, message) = (
                context.codingPath, context.codingPath.isEmpty ? "is not valid JSON" : "is not valid"
            )
        @unknown default:
            (path, message) = ([], "is not a valid state")
        }
        return AdminInputError(field: fieldPath(path), message)
    }

    static func fieldPath(_ keys: [any CodingKey]) -> String {
        guard !keys.isEmpty else { return "body" }
        var out = ""
        for key in keys {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                out += out.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return out
    }
}

/// Bounds that keep an imported state from breaking the stores later: counters far from
/// overflow, times a timestamp can show, indexes inside their arrays, ids matching their keys.
extension MockState {
    static let maxCounter = 1 << 40
    static let timeRange: ClosedRange<Int64> = 0...253_402_300_799  // up to 9999-12-31T23:59:59Z
    static let roles: Set<String> = ["user", "assistant"]

    func validate() throws(AdminInputError) {
        guard version == Self.currentVersion else {
            throw AdminInputError(field: "version", "must be \(Self.currentVersion)")
        }
        for (namespace, users) in konnect.namespaces {
            for (key, user) in users {
                let base = "konnect.namespaces.\(namespace).\(key)"
                try Self.counter(user.nextSequence, "\(base).nextSequence")
                for (id, record) in user.sessions {
                    let path = "\(base).sessions.\(id)"
                    guard record.id == id else {
                        throw AdminInputError(field: "\(path).id", "must equal its key")
                    }
                    try Self.counter(record.sequence, "\(path).sequence")
                    try Self.time(record.createdAt, "\(path).createdAt")
                    try Self.time(record.updatedAt, "\(path).updatedAt")
                    for (index, message) in record.messages.enumerated() {
                        try Self.role(message.role, "\(path).messages[\(index)].role")
                        guard Timestamp.parse(message.createdAt) != nil else {
                            throw AdminInputError(
                                field: "\(path).messages[\(index)].createdAt", "must be an RFC 3339 time")
                        }
                    }
                }
            }
        }
        for (namespace, space) in cid222.namespaces {
            let base = "cid222.namespaces.\(namespace)"
            try Self.counter(space.nextSequence, "\(base).nextSequence")
            for (index, record) in space.sessions.enumerated() {
                let path = "\(base).sessions[\(index)]"
                try Self.counter(record.sequence, "\(path).sequence")
                try Self.counter(record.totalTokens, "\(path).totalTokens")
                try Self.counter(Int(clamping: record.totalCostMicros), "\(path).totalCostMicros")
                try Self.time(record.createdAt, "\(path).createdAt")
                try Self.time(record.updatedAt, "\(path).updatedAt")
                guard (0...record.messages.count).contains(record.summarizedCount) else {
                    throw AdminInputError(
                        field: "\(path).summarizedCount", "must be between 0 and the message count")
                }
                for (m, message) in record.messages.enumerated() {
                    try Self.role(message.role, "\(path).messages[\(m)].role")
                }
            }
        }
    }

    private static func counter(_ value: Int, _ field: String) throws(AdminInputError) {
        guard (0...maxCounter).contains(value) else {
            throw AdminInputError(field: field, "must be between 0 and \(maxCounter)")
        }
    }

    private static func time(_ value: Int64, _ field: String) throws(AdminInputError) {
        guard timeRange.contains(value) else {
            throw AdminInputError(field: field, "must be epoch seconds between 0 and \(timeRange.upperBound)")
        }
    }

    private static func role(_ value: String, _ field: String) throws(AdminInputError) {
        guard roles.contains(value) else { throw AdminInputError(field: field, "must be user or assistant") }
    }
}

extension MockEnvironment {
    /// Every session of both APIs.
    public func exportState() -> MockState {
        MockState(konnect: konnect.exportSnapshot(), cid222: cid222.exportSnapshot())
    }

    /// Replaces every session of both APIs with a state exported earlier.
    public func importState(_ state: MockState) {
        konnect.importSnapshot(state.konnect)
        cid222.importSnapshot(state.cid222)
        for namespace in state.konnect.namespaces.keys { namespaces.record(namespace) }
        for namespace in state.cid222.namespaces.keys { namespaces.record(namespace) }
    }

    /// Reads a state document (a fixtures file) and imports it; nothing changes when it is
    /// invalid. For `sessions serve --state FILE`.
    /// - Returns: how many sessions each API now holds.
    @discardableResult
    public func importState(json bytes: [UInt8]) throws(AdminInputError) -> (konnect: Int, cid222: Int) {
        let state = try MockState.decode(bytes)
        importState(state)
        return state.sessionCounts
    }
}
