import Foundation
import JSONSchema
import SessionsAPI

/// Replays the scenarios of `Specs/` against a target and judges every requirement.
///
/// ```swift
/// let runner = try ConformanceRunner(configuration: config, transport: URLSessionTransport(…), targetDescription: url)
/// let report = await runner.run { line in print(line) }
/// ```
public final class ConformanceRunner: Sendable {
    public let configuration: RunConfiguration
    public let scenarios: [Scenario]
    public let catalogue: RequirementCatalogue
    private let schemas: [APIKind: JSONSchemaDocument]
    private let sender: RequestSender
    private let ledger = SessionLedger()
    private let redactor: Redactor
    private let target: String
    private let recordDirectory: URL?

    /// Loads the catalogue, the OpenAPI documents and the scenarios; throws
    /// `RunError.specs` with a clear message when any of them is unusable.
    public init(
        configuration: RunConfiguration, transport: any HTTPTransport, targetDescription: String,
        recordDirectory: URL? = nil
    ) throws {
        self.configuration = configuration
        let specs = configuration.specsDirectory
        do {
            catalogue = try RequirementCatalogue.load(from: specs.appendingPathComponent("requirements.json"))
        } catch {
            throw RunError.specs("\(error)")
        }
        var schemas: [APIKind: JSONSchemaDocument] = [:]
        for api in configuration.apis {
            let url = specs.appendingPathComponent(api.rawValue).appendingPathComponent("openapi.json")
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw RunError.specs("cannot read \(url.path)")
            }
            do {
                schemas[api] = JSONSchemaDocument(try JSONValue.parse(Array(data)))
            } catch {
                throw RunError.specs("\(url.path) is not valid JSON: \(error)")
            }
        }
        self.schemas = schemas
        do {
            let loaded = try ScenarioLoader.load(
                from: specs, apis: configuration.apis,
                knownRequirements: Set(catalogue.requirements.map(\.id)))
            scenarios = loaded.filter { configuration.scenarioFilter.map($0.name.contains) ?? true }
        } catch {
            throw RunError.specs("\(error)")
        }
        sender = RequestSender(
            transport: transport, maxRequests: configuration.maxRequests,
            maxRetries: configuration.maxRetries,
            maxRetryAfter: configuration.maxRetryAfter)
        redactor = Redactor(credentials: configuration.credentials)
        target = targetDescription
        self.recordDirectory = recordDirectory
    }

    /// Runs every scenario, cleans up, and returns the report. `progress` gets one line per
    /// scenario as it finishes. Throws `RunError.cannotConnect` when the target is not there.
    public func run(progress: @Sendable (String) -> Void = { _ in }) async throws -> ConformanceReport {
        var aggregator = ResultAggregator(
            catalogue: catalogue, apis: configuration.apis, redactor: redactor, baseURL: target)
        var abort: RunError?
        for scenario in scenarios {
            if let abort {
                aggregator.skip(scenario, because: "the run stopped early: \(abort)")
                continue
            }
            if scenario.mockOnly, configuration.builtInMock == nil {
                aggregator.skip(
                    scenario,
                    because: "it checks choices of the built-in mock (run 'sessions check' without --target)")
                continue
            }
            if let budget = configuration.maxRequests {
                let needed = Self.requestsNeeded(by: scenario, variables: builtins())
                let left = max(0, budget - sender.requestsSent)
                if needed > left {
                    aggregator.skip(
                        scenario,
                        because:
                            "it needs \(needed) requests and \(left) of --max-requests \(budget) are left")
                    continue
                }
            }
            let started = ContinuousClock.now
            var executor = ScenarioExecutor(
                scenario: scenario, sender: sender, ledger: ledger,
                builder: RequestBuilder(
                    resolver: CredentialResolver(api: scenario.api, credentials: configuration.credentials),
                    namespace: configuration.namespace),
                schemas: schemas[scenario.api], redactor: redactor,
                honoursDelays: configuration.honoursDelays, variables: builtins())
            let outcome = await executor.run()
            await cleanUp(scenario: scenario.name)
            let elapsed = started.duration(to: .now)
            let milliseconds = Int(
                elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
            if case .cannotConnect = outcome.abort {
                throw outcome.abort ?? RunError.cannotConnect("unknown")
            }
            abort = outcome.abort
            let result = aggregator.add(scenario, outcome, milliseconds: milliseconds)
            progress(ConsoleReporter.scenarioLine(result))
            try record(scenario, outcome.exchanges)
        }
        await cleanUp(scenario: nil)
        return aggregator.report(
            strict: configuration.strict, requestsSent: sender.requestsSent,
            abortedBecause: abort.map { "\($0)" })
    }

    /// Deletes every session the run created and has not deleted yet. Safe to call from a
    /// signal handler's task while a run is in flight.
    public func cleanUp() async {
        await cleanUp(scenario: nil)
    }

    private func cleanUp(scenario: String?) async {
        for entry in ledger.take(scenario: scenario) {
            let resolver = CredentialResolver(api: entry.api, credentials: configuration.credentials)
            guard let authorization = try? resolver.authorization(for: entry.identity) else { continue }
            let request = WireRequest(
                method: "DELETE", target: entry.api.deletePath(forSession: entry.id),
                headers: [
                    WireHeader(name: RequestBuilder.namespaceHeader, value: configuration.namespace),
                    WireHeader(name: "Authorization", value: authorization),
                ])
            _ = try? await sender.sendUncounted(request)
        }
    }

    /// How many requests a scenario sends: its steps' repeat counts (a count that only a
    /// captured value gives counts as one), before retries of 429 answers.
    static func requestsNeeded(by scenario: Scenario, variables: Variables) -> Int {
        scenario.steps.reduce(0) { total, step in
            let repeats = (try? variables.substitute(step.repeatCount))?.intValue ?? 1
            return total + min(max(repeats, 0), ScenarioDecoder.maxRepeat)
        }
    }

    private func builtins() -> Variables {
        // Each filler turn is about 100 tokens; enough turns to pass the limit twice over
        // the user messages alone, capped so a huge --context-limit cannot run away.
        let turns = min(max(configuration.contextLimit / 100 + 2, 3), 40)
        var values: [String: JSONValue] = configuration.builtInMock ?? [:]
        for (name, value) in [
            "model": JSONValue.string(configuration.model),
            "contextLimit": .int(configuration.contextLimit),
            "turnsPastLimit": .int(turns),
            "filler": .string(Self.filler),
            "run": .string(configuration.namespace),
        ] {
            values[name] = value
        }
        return Variables(values)
    }

    /// About 400 bytes of plain words: roughly 100 tokens by the byte-per-four rule.
    static let filler = String(
        repeating: "The quick brown fox jumps over the lazy dog while the patient owl keeps count. ", count: 5
    )

    private func record(_ scenario: Scenario, _ exchanges: [RecordedExchange]) throws {
        guard let recordDirectory else { return }
        let transcript = Transcript(scenario: scenario.name, api: scenario.api.rawValue, exchanges: exchanges)
        let folder = recordDirectory.appendingPathComponent(scenario.api.rawValue)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(scenario.name + ".json")
        try Data(transcript.encoded()).write(to: file)
    }
}
