import Foundation
import JSONSchema
import SessionsAPI
import Testing

/// Validates CID222 answers and stream events against `Specs/cid222/openapi.json`. The test
/// client calls it on every response, so every test doubles as a schema check.
enum CID222SchemaCheck {
    static let answers = OpenAPIResponseCheck(.cid222, prefixes: ["/sessions"])

    /// Records an issue for each schema violation of a JSON answer.
    static func checkResponse(method: String, path: String, status: Int, contentType: String?, body: [UInt8])
    {
        answers.check(method: method, path: path, status: status, contentType: contentType, body: body)
    }

    /// Records an issue for each schema violation of a stream event payload.
    static func checkEvent(_ payload: String) {
        for problem in eventViolations(payload) {
            Issue.record(Comment(rawValue: problem))
        }
    }

    /// What is wrong with a JSON answer by the document; empty when it conforms or is not a
    /// CID222 JSON answer.
    static func responseViolations(
        method: String, path: String, status: Int, contentType: String?, body: [UInt8]
    ) -> [String] {
        answers.violations(method: method, path: path, status: status, contentType: contentType, body: body)
    }

    /// What is wrong with one event payload by `#/components/schemas/StreamEvent`.
    static func eventViolations(_ payload: String) -> [String] {
        let pointer = "/components/schemas/StreamEvent"
        guard let document = answers.document else { return ["\(answers.name) could not be loaded"] }
        do {
            return try document.validate(try JSONValue.parse(payload), schemaAt: pointer).map {
                "event \(payload) violates \(pointer): \($0)"
            }
        } catch {
            return ["event \(payload): cannot validate against \(pointer): \(error)"]
        }
    }
}
