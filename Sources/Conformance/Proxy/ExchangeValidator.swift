import EventStream
import Foundation
import HTTPServer
import JSONSchema
import SessionsAPI

/// Why the proxy cannot validate at all (unreadable `Specs/`).
public struct ProxySpecsError: Error, CustomStringConvertible {
    public var description: String
}

/// The validating half of `sessions proxy`: judges every exchange it is shown, with the
/// catalogue and levels `check` uses, and keeps the findings. It never sees the bytes'
/// way to the client: the relay shows it copies.
public final class ExchangeValidator: Sendable {
    public let findings: ProxyFindings
    let ledger: CrossExchangeLedger
    let requests: RequestValidator
    let responses: ResponseValidator
    private let apis: Set<APIKind>

    /// Loads the catalogue and the OpenAPI documents of `apis` from `specsDirectory`.
    public init(
        specsDirectory: URL = SpecsLocation.defaultDirectory, apis: [APIKind], strict: Bool, target: String,
        ledgerCapacity: Int = 10_000,
        announce: @escaping @Sendable (ProxyDeviation) -> Void = { _ in }
    ) throws {
        let catalogue: RequirementCatalogue
        do {
            catalogue = try RequirementCatalogue.load(
                from: specsDirectory.appendingPathComponent("requirements.json"))
        } catch {
            throw ProxySpecsError(description: "\(error)")
        }
        var schemas: [APIKind: JSONSchemaDocument] = [:]
        for api in apis {
            let url = specsDirectory.appendingPathComponent(api.rawValue).appendingPathComponent(
                "openapi.json")
            guard let data = FileManager.default.contents(atPath: url.path),
                let root = try? JSONValue.parse(Array(data))
            else { throw ProxySpecsError(description: "cannot read \(url.path) as JSON") }
            schemas[api] = JSONSchemaDocument(root)
        }
        findings = ProxyFindings(
            catalogue: catalogue, apis: apis, strict: strict, target: target, announce: announce)
        ledger = CrossExchangeLedger(capacity: ledgerCapacity)
        requests = RequestValidator(schemas: schemas)
        responses = ResponseValidator(schemas: schemas)
        self.apis = Set(apis)
    }

    /// How many sessions the cross-exchange ledger remembers now (at most its capacity).
    public var trackedSessions: Int { ledger.trackedCount }

    /// Starts judging an exchange as its request arrives; the client side is judged now.
    public func begin(method: String, target: String, headers: [WireHeader], body: [UInt8])
        -> ExchangeObservation
    {
        let path = String(target.split(separator: "?", maxSplits: 1).first ?? "")
        var operation = ProxyOperation(method: method, path: path)
        if let api = operation.api, !apis.contains(api) { operation = .unknown }
        let number = findings.beginExchange()
        let authorization = headers.first { HTTPHeaders.sameName($0.name, "authorization") }?.value
        let credential = BearerCredential(authorization: authorization)
        let requestBody = body.isEmpty ? nil : try? JSONValue.parse(body)
        let started = ledger.tick()
        ledger.began(operation, requestBody: requestBody, at: started)
        var observation = ExchangeObservation(
            validator: self, operation: operation, number: number, requestLine: "\(method) \(target)",
            query: Self.query(of: target), started: started, requestBody: requestBody,
            identity: operation.api.flatMap { CredentialIdentity.of(credential, api: $0) })
        observation.clientSide = requests.judge(operation: operation, headers: headers, body: body)
        observation.facts = RequestFacts(
            query: observation.query, body: requestBody,
            credential: operation.api.map {
                RequestFacts.classify(
                    credential, authorization: authorization, api: $0, now: Date().timeIntervalSince1970)
            } ?? .none,
            brokenByClient: observation.clientSide.brokenRequirements)
        return observation
    }

    private static func query(of target: String) -> [String: String] {
        guard target.utf8.contains(UInt8(ascii: "?")), let components = URLComponents(string: target) else {
            return [:]
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] where query[item.name] == nil {
            query[item.name] = item.value ?? ""
        }
        return query
    }
}

/// One exchange being judged: fed the response head, then each body chunk as it passes,
/// then told the exchange ended. Streams are judged event by event, other bodies at the end.
public struct ExchangeObservation: Sendable {
    /// Bodies past this are relayed but not judged (the documents' answers are far smaller).
    static let largestJudgedBody = 8 << 20

    private let validator: ExchangeValidator
    private let operation: ProxyOperation
    let number: Int
    private let requestLine: String
    fileprivate let query: [String: String]
    private let started: Int
    private let requestBody: JSONValue?
    private let identity: String?
    private let wallStarted = Date().timeIntervalSince1970
    fileprivate var clientSide = RequestValidator.Outcome()
    fileprivate var facts = RequestFacts()
    private var status = 0
    private var mediaType: String?
    private var body: [UInt8] = []
    private var bodyTooLarge = false
    private var parser: SSEParser?
    private var grammar: StreamGrammar?

    fileprivate init(
        validator: ExchangeValidator, operation: ProxyOperation, number: Int, requestLine: String,
        query: [String: String], started: Int, requestBody: JSONValue?, identity: String?
    ) {
        self.validator = validator
        self.operation = operation
        self.number = number
        self.requestLine = requestLine
        self.query = query
        self.started = started
        self.requestBody = requestBody
        self.identity = identity
    }

    /// Whether this exchange belongs to an API being validated.
    public var isJudged: Bool { operation.api != nil }

    /// The API of a judged exchange.
    var api: APIKind? { operation.api }

    /// The target never answered: only what the client sent is judged.
    public mutating func abandon() {
        guard isJudged else { return }
        _ = validator.ledger.judge(ledgerExchange(status: 0, body: nil, streamedTurn: nil))
        validator.findings.record(clientSide.verdicts, exchange: number, request: requestLine)
    }

    public mutating func head(status: Int, headers: [WireHeader]) {
        self.status = status
        let type = headers.first { HTTPHeaders.sameName($0.name, "content-type") }?.value
        mediaType = type.map {
            ($0.split(separator: ";").first.map(String.init) ?? $0).asciiTrimmed
                .lowercased()
        }
        guard case .cidSend = operation, (200..<300).contains(status) else { return }
        var verdicts = VerdictList()
        verdicts.check(
            "CID-SEND-STREAM", mediaType == "text/event-stream", expected: "Content-Type text/event-stream",
            actual: type ?? "no Content-Type")
        verdicts.check("CID-SEND-STATUS-200", status == 200, expected: "200", actual: "\(status)")
        let cache = headers.first { HTTPHeaders.sameName($0.name, "cache-control") }?.value ?? ""
        verdicts.check(
            "CID-SEND-CACHE-CONTROL", cache.lowercased().contains("no-cache"),
            expected: "Cache-Control: no-cache",
            actual: cache.isEmpty ? "none" : cache)
        validator.findings.record(verdicts, exchange: number, request: requestLine)
        if mediaType == "text/event-stream" {
            parser = SSEParser()
            grammar = StreamGrammar(validator: validator.responses)
        }
    }

    /// Judges whatever the chunk completes (stream events at once).
    public mutating func chunk(_ bytes: [UInt8]) {
        guard isJudged else { return }
        if parser != nil, grammar != nil {
            let events = parser?.feed(bytes) ?? []
            for event in events { grammar?.observe(event) }
            return
        }
        guard !bodyTooLarge else { return }
        if body.count + bytes.count > Self.largestJudgedBody {
            bodyTooLarge = true
            body = []
        } else {
            body += bytes
        }
    }

    /// Judges the whole exchange. `cutShort`: the client left or the target's connection
    /// broke before the body ended; what was seen is judged, the missing end is not.
    public mutating func finish(cutShort: Bool) {
        guard isJudged else { return }
        var verdicts = clientSide.verdicts
        var streamedTurn: (completed: Bool, reply: String)?
        if case .cidSend = operation, (200..<300).contains(status), grammar == nil,
            StreamReading.looksLikeEventStream(body)
        {
            // A stream under the wrong Content-Type is still judged as one, so the label is the
            // one deviation rather than every check of the stream.
            parser = SSEParser()
            grammar = StreamGrammar(validator: validator.responses)
            for event in parser?.feed(body) ?? [] { grammar?.observe(event) }
            body = []
        }
        if grammar != nil {
            for event in parser?.finish() ?? [] { grammar?.observe(event) }
            if let stream = grammar {
                verdicts.append(contentsOf: grammar?.finish(cutShort: cutShort) ?? VerdictList())
                streamedTurn = (stream.completedTurn && !stream.rejected, stream.replyText)
            }
        }
        let json = body.isEmpty || bodyTooLarge ? nil : try? JSONValue.parse(body)
        if !cutShort, !bodyTooLarge {
            // A stream's body was judged event by event; its status and request still count.
            let judgedBody = grammar != nil && (200..<300).contains(status) ? nil : json
            if judgedBody == nil, grammar == nil, (200..<300).contains(status),
                let id = operation.shapeRequirement
            {
                verdicts.fail(
                    id, expected: "a JSON body",
                    actual: body.isEmpty ? "an empty body" : "\(body.count) bytes that are not JSON")
            }
            verdicts.append(
                contentsOf: validator.responses.judge(
                    operation: operation, request: facts, status: status, body: judgedBody))
        }
        // A body cut short shows nothing reliable about the session; the ledger still hears
        // that the exchange ended (status 0), so a rename or turn in flight is not left open.
        let judgedStatus = cutShort && grammar == nil ? 0 : status
        verdicts.append(
            contentsOf: validator.ledger.judge(
                ledgerExchange(status: judgedStatus, body: json, streamedTurn: cutShort ? nil : streamedTurn))
        )
        validator.findings.record(verdicts, exchange: number, request: requestLine)
    }

    private func ledgerExchange(
        status: Int, body: JSONValue?, streamedTurn: (completed: Bool, reply: String)?
    )
        -> LedgerExchange
    {
        LedgerExchange(
            operation: operation, identity: identity, started: started, finished: validator.ledger.tick(),
            wallStarted: wallStarted, wallFinished: Date().timeIntervalSince1970, status: status,
            requestBody: requestBody, body: body, streamedTurn: streamedTurn)
    }
}
