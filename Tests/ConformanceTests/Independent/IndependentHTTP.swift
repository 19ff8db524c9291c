import HTTPServer
import JSONSchema

/// Small pieces both independent APIs need: JSON answers, body reading, path splitting.
enum IndependentHTTP {
    /// A JSON object with its keys in the given order.
    static func object(_ pairs: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(pairs))
    }

    /// A JSON answer. Keys keep the order they were built in, which reads like the seeds'
    /// examples.
    static func json(_ status: Int, _ value: JSONValue, headers: HTTPHeaders = HTTPHeaders())
        -> HTTPResponse
    {
        .json(status, value.serializedBytes(sortedKeys: false), headers: headers)
    }

    enum Body {
        case empty
        case value(JSONValue)
        case malformed(String)
    }

    // Differs: the mock refuses a body whose Content-Type is not JSON with 415 vs we ignore
    // the Content-Type and accept any body that parses as JSON; the seed allows it because
    // it never states a media-type rule, only shows curl lines that send JSON.
    /// The request body read as JSON, whatever its `Content-Type` says.
    static func body(of request: HTTPRequest) -> Body {
        if request.body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return .empty
        }
        do {
            return .value(try JSONValue.parse(request.body))
        } catch {
            return .malformed("\(error)")
        }
    }

    /// The path split on `/`, empty segments dropped.
    static func segments(_ path: String) -> [String] {
        path.split(separator: "/").map(String.init)
    }

    /// The query parameter `name` when given with a non-empty value.
    static func query(_ request: HTTPRequest, _ name: String) -> String? {
        guard let value = request.query(name), !value.isEmpty else { return nil }
        return value
    }

    /// Adds `Allow` to an answer for a method the resource does not support.
    static func methodNotAllowed(_ response: HTTPResponse, allow: [String]) -> HTTPResponse {
        var answer = response
        answer.headers.set("Allow", allow.joined(separator: ", "))
        return answer
    }
}
