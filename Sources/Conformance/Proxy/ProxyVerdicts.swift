import SessionsAPI

/// Which party of an exchange departed from the documents: the client for a request that
/// breaks the request schemas, the server for everything it answers.
public enum ProxySide: String, Codable, Sendable {
    case client
    case server
}

/// One deviation the proxy saw, named by its requirement, its level and the side at fault.
public struct ProxyDeviation: Codable, Sendable, Equatable {
    public var requirement: String
    /// `documented` (a failure) or `inferred` (a warning unless `--strict`).
    public var level: String
    public var side: ProxySide
    /// The exchange's number in arrival order, 1-based.
    public var exchange: Int
    /// `METHOD target` of the request, credentials never included.
    public var request: String
    public var expected: String
    public var actual: String

    /// The single line printed when the deviation happens.
    public var line: String {
        let kind = level == RequirementLevel.documented.rawValue ? "FAIL" : "WARN"
        return "\(kind) \(requirement) (\(level), \(side.rawValue)) #\(exchange) \(request): "
            + "expected \(expected); got \(actual)"
    }
}

/// What the checks of one exchange concluded, before the exchange's context (number,
/// request line) is attached: a pass, or a deviation with what was expected and seen.
struct ProxyVerdict: Sendable, Equatable {
    var requirement: String
    var side: ProxySide
    /// Nil when the check passed.
    var problem: (expected: String, actual: String)?

    static func == (lhs: ProxyVerdict, rhs: ProxyVerdict) -> Bool {
        lhs.requirement == rhs.requirement && lhs.side == rhs.side
            && lhs.problem?.expected == rhs.problem?.expected && lhs.problem?.actual == rhs.problem?.actual
    }
}

/// Collects verdicts while a check runs; each check says what it judged, passed or not, so
/// the report can tell a requirement that held from one nothing exercised.
struct VerdictList: Sendable {
    private(set) var verdicts: [ProxyVerdict] = []

    mutating func pass(_ requirement: String, _ side: ProxySide = .server) {
        verdicts.append(ProxyVerdict(requirement: requirement, side: side, problem: nil))
    }

    mutating func fail(_ requirement: String, _ side: ProxySide = .server, expected: String, actual: String) {
        verdicts.append(ProxyVerdict(requirement: requirement, side: side, problem: (expected, actual)))
    }

    /// Passes when `holds`, otherwise fails with the texts (built only on failure).
    mutating func check(
        _ requirement: String, _ holds: Bool, side: ProxySide = .server, expected: @autoclosure () -> String,
        actual: @autoclosure () -> String
    ) {
        if holds {
            pass(requirement, side)
        } else {
            fail(requirement, side, expected: expected(), actual: actual())
        }
    }

    mutating func append(contentsOf other: VerdictList) {
        verdicts += other.verdicts
    }
}
