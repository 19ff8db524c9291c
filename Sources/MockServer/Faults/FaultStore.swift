import JSONSchema
import Locking

/// Registered faults, per namespace, in the order they were added. Taking a fault for a
/// request and counting down its `times` happen under one lock, so two concurrent requests
/// never both consume the last use.
public final class FaultStore: Sendable {
    private struct State {
        var rules: [String: [FaultRule]] = [:]
        var nextID = 1
        var inlineUses: [String: Int] = [:]
    }

    private let state = Locked(State())

    /// Most faults kept per namespace; more is refused so an admin loop cannot eat memory.
    public static let maxPerNamespace = 1000

    public init() {}

    /// Adds a fault from an admin body and returns it with its id.
    func add(body: JSONValue, namespace: String) throws(AdminInputError) -> FaultRule {
        let result: Result<FaultRule, AdminInputError> = state.withLock { state in
            guard state.rules[namespace, default: []].count < Self.maxPerNamespace else {
                return .failure(
                    AdminInputError(
                        field: "fault",
                        "namespace '\(namespace)' already holds \(Self.maxPerNamespace) faults"))
            }
            do throws(AdminInputError) {
                let rule = try FaultRule(body: body, id: "flt_\(state.nextID)", namespace: namespace)
                state.nextID += 1
                state.rules[namespace, default: []].append(rule)
                return .success(rule)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The faults of a namespace, oldest first.
    func list(namespace: String) -> [FaultRule] {
        state.withLock { $0.rules[namespace] ?? [] }
    }

    /// Removes every fault of a namespace, or of all namespaces when nil.
    public func clear(namespace: String?) {
        state.withLock { state in
            if let namespace {
                state.rules[namespace] = nil
                state.inlineUses[namespace] = nil
            } else {
                state.rules = [:]
                state.inlineUses = [:]
            }
        }
    }

    /// Counts one use of an inline (`X-Mock-Fault`) fault in a namespace and returns its
    /// number, starting at 0, so successive latency ranges draw different values.
    func nextInlineUse(namespace: String) -> Int {
        state.withLock { state in
            defer { state.inlineUses[namespace, default: 0] += 1 }
            return state.inlineUses[namespace, default: 0]
        }
    }

    /// Removes one fault; false when no such id exists in that namespace.
    func remove(id: String, namespace: String) -> Bool {
        state.withLock { state in
            guard let index = state.rules[namespace]?.firstIndex(where: { $0.id == id }) else { return false }
            state.rules[namespace]?.remove(at: index)
            return true
        }
    }

    /// The oldest fault matching the request, with its use counted (and dropped once its
    /// `times` are spent). `hit` is the fault's use number, starting at 0, for seeded draws.
    func take(namespace: String, api: MockAPI?, method: String, path: String) -> (rule: FaultRule, hit: Int)?
    {
        state.withLock { state in
            guard var rules = state.rules[namespace],
                let index = rules.firstIndex(where: { $0.matches(api: api, method: method, path: path) })
            else { return nil }
            var rule = rules[index]
            let hit = rule.hits
            rule.hits += 1
            if let remaining = rule.remaining { rule.remaining = remaining - 1 }
            if rule.remaining == 0 { rules.remove(at: index) } else { rules[index] = rule }
            state.rules[namespace] = rules
            return (rule, hit)
        }
    }
}
