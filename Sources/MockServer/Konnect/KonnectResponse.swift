import HTTPServer
import SessionsAPI

/// The 200 answers of the Konnect routes.
enum KonnectResponse {
    static func ok<Body: Encodable>(_ body: Body) -> HTTPResponse {
        .json(200, WireJSON.encode(body))
    }
}

extension KonnectChatMessage {
    /// The reply as `WireJSON.encode` gives it (keys sorted), written directly: the chat
    /// route answers with this on every turn, and JSONEncoder was a tenth of one.
    var wireJSON: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(content.utf8.count + 256)
        func field(_ name: String, _ value: String, first: Bool = false) {
            out += Array((first ? "{\"" : ",\"").utf8) + Array(name.utf8) + Array("\":".utf8)
            WireJSON.appendString(value, to: &out)
        }
        field("content", content, first: true)
        field("created_at", createdAt)
        field("id", id)
        field("mode", mode)
        out += Array(#","models_used":["#.utf8)
        for (index, model) in modelsUsed.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            WireJSON.appendString(model, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        field("object", object)
        field("role", role)
        field("session_id", sessionID)
        out.append(UInt8(ascii: "}"))
        return out
    }
}
