import Foundation
import JSONSchema
import SessionsAPI

/// The verdict on one expectation in one repetition of a step.
struct CheckRecord: Sendable {
    var requirements: [String]
    var verdict: CheckVerdict
    var step: String
    var iteration: Int
    var request: WireRequest?
}

/// What running one scenario produced.
struct ScenarioRun: Sendable {
    var records: [CheckRecord] = []
    var exchanges: [RecordedExchange] = []
    var requests = 0
    /// Set when the run must stop (budget spent, target unreachable).
    var abort: RunError?
}

/// Runs the steps of one scenario in order, carrying captured variables between them.
struct ScenarioExecutor {
    let scenario: Scenario
    let sender: RequestSender
    let ledger: SessionLedger
    let builder: RequestBuilder
    let schemas: JSONSchemaDocument?
    let redactor: Redactor
    let honoursDelays: Bool
    var variables: Variables

    mutating func run() async -> ScenarioRun {
        var result = ScenarioRun()
        for step in scenario.steps {
            let count: Int
            do {
                count = try repeatCount(of: step)
            } catch {
                block(step, iteration: 0, because: "\(error)", into: &result)
                continue
            }
            for iteration in 0..<count {
                await runIteration(step, iteration: iteration, into: &result)
                if result.abort != nil { return result }
            }
        }
        return result
    }

    private func repeatCount(of step: Step) throws -> Int {
        let value = try variables.substitute(step.repeatCount)
        guard let n = value.intValue, n >= 0 else {
            throw SubstitutionError.badName("repeat must be a whole number, got \(JSONAccess.brief(value))")
        }
        return min(n, ScenarioDecoder.maxRepeat)
    }

    private mutating func runIteration(_ step: Step, iteration: Int, into result: inout ScenarioRun) async {
        variables["i"] = .int(iteration)
        variables["n"] = .int(iteration + 1)
        let request: WireRequest
        do {
            for (name, value) in step.assignments {
                variables.assign(name, try variables.substitute(value))
            }
            request = try builder.build(step.request, variables: variables)
        } catch {
            block(step, iteration: iteration, because: "\(error)", into: &result)
            return
        }
        if request.body != nil, request.header("Content-Type") == nil, !sender.canOmitContentType {
            block(
                step, iteration: iteration,
                because: "this HTTP client adds a Content-Type to every body, so it cannot send one without",
                into: &result)
            return
        }
        if honoursDelays, step.delayMilliseconds > 0 {
            try? await Task.sleep(nanoseconds: UInt64(step.delayMilliseconds) * 1_000_000)
        }
        let response: WireResponse
        do {
            response = try await sender.send(request)
            result.requests += 1
        } catch let error as RunError {
            result.abort = error
            return
        } catch TransportError.cannotConnect(let why) {
            result.abort = .cannotConnect(why)
            return
        } catch {
            result.requests += 1
            result.exchanges.append(
                RecordedExchange(
                    step: step.name, iteration: iteration, request: request, response: nil, error: "\(error)",
                    redactor: redactor))
            for expectation in step.expectations {
                result.records.append(
                    CheckRecord(
                        requirements: expectation.requirements,
                        verdict: .failed(expected: "an answer", actual: "no answer: \(error)"),
                        step: step.name,
                        iteration: iteration, request: request))
            }
            return
        }
        result.exchanges.append(
            RecordedExchange(
                step: step.name, iteration: iteration, request: request, response: response, error: nil,
                redactor: redactor))
        evaluate(step, iteration: iteration, request: request, response: response, into: &result)
    }

    private mutating func evaluate(
        _ step: Step, iteration: Int, request: WireRequest, response: WireResponse,
        into result: inout ScenarioRun
    ) {
        var stream: StreamReading?
        var document: JSONValue?
        if response.mediaType == "text/event-stream" || StreamReading.looksLikeEventStream(response.body) {
            let reading = StreamReading(chunks: response.chunks)
            stream = reading
            document = reading.document
        } else if !response.body.isEmpty {
            document = try? JSONValue.parse(response.body)
        }
        let schemas = self.schemas
        func context(_ variables: Variables) -> CheckContext {
            CheckContext(
                response: response, document: document, stream: stream, variables: variables, schemas: schemas
            )
        }
        // Status first: a body check on an answer with the wrong status says nothing new.
        var statusHolds = true
        for expectation in step.expectations {
            guard case .status = expectation.check, expectation.onlyWhenStatus == nil else { continue }
            if CheckEvaluator.evaluate(expectation.check, in: context(variables)) != .passed {
                statusHolds = false
            }
        }
        if statusHolds {
            capture(step, from: document)
            if let pointer = step.createsSession, let document,
                let id = JSONAccess.resolve(pointer, in: document)?.stringValue
            {
                ledger.record(
                    .init(api: scenario.api, identity: step.request.identity, id: id, scenario: scenario.name)
                )
            }
        }
        if let template = step.deletesSession, (200..<300).contains(response.status),
            let id = try? variables.substitute(text: template)
        {
            ledger.forget(api: scenario.api, id: id)
        }
        for expectation in step.expectations {
            if let only = expectation.onlyWhenStatus, !only.contains(response.status) { continue }
            let verdict: CheckVerdict
            if case .status = expectation.check {
                verdict = CheckEvaluator.evaluate(
                    expectation.check, in: context(variables), ifReported: expectation.onlyIfReported)
            } else if !statusHolds {
                verdict = .blocked("the step's status check failed (got \(response.status))")
            } else {
                verdict = CheckEvaluator.evaluate(
                    expectation.check, in: context(variables), ifReported: expectation.onlyIfReported)
            }
            result.records.append(
                CheckRecord(
                    requirements: expectation.requirements, verdict: verdict, step: step.name,
                    iteration: iteration,
                    request: request))
        }
    }

    private mutating func capture(_ step: Step, from document: JSONValue?) {
        for (name, pointer) in step.captures {
            guard let document, let pointer = try? variables.substitute(text: pointer),
                let value = JSONAccess.resolve(pointer, in: document)
            else { continue }
            variables.assign(name, value)
        }
    }

    private func block(_ step: Step, iteration: Int, because reason: String, into result: inout ScenarioRun) {
        for expectation in step.expectations {
            result.records.append(
                CheckRecord(
                    requirements: expectation.requirements, verdict: .blocked(reason), step: step.name,
                    iteration: iteration, request: nil))
        }
    }
}
