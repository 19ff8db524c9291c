import HTTPServer
import JSONSchema

/// Server-Sent Events framing (WHATWG HTML §9.2) for the CID222 message stream.
struct IndependentEvent: Sendable {
    var name: String
    var data: JSONValue
}

enum IndependentStream {
    // Differs: the mock sends one `data:` line whose JSON carries a `type` field, LF line
    // endings and a final `data: [DONE]` vs we name the event in an `event:` field (the data
    // has no `type`), number events with `id:`, end lines with CRLF, open with a
    // `: keep-alive` comment and end after `message_stop`; the seed allows it because it
    // names the event types but not their framing, and WHATWG SSE defines `event:`, `id:`,
    // comments and all three line endings.
    static func frame(_ event: IndependentEvent, id: Int) -> String {
        let data = event.data.serialized(sortedKeys: false)
        return "id: \(id)\r\nevent: \(event.name)\r\ndata: \(data)\r\n\r\n"
    }

    /// A 200 event stream that writes `events` in order, then ends.
    static func response(_ events: [IndependentEvent]) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.set("Content-Type", "text/event-stream; charset=utf-8")
        headers.set("Cache-Control", "no-cache")
        // Tells buffering reverse proxies to pass each event through at once.
        headers.set("X-Accel-Buffering", "no")
        return HTTPResponse(
            status: 200, headers: headers,
            body: .stream { writer in
                try await writer.write(": keep-alive\r\n\r\n")
                for (index, event) in events.enumerated() {
                    try await writer.write(frame(event, id: index + 1))
                }
            })
    }

    /// The reply cut into deltas of a few words; joined they give the reply exactly.
    static func deltas(_ reply: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var words = 0
        for character in reply {
            current.append(character)
            if character == " " {
                words += 1
                if words == 3 {
                    pieces.append(current)
                    current = ""
                    words = 0
                }
            }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }
}
