import JSONSchema

/// Lists where two JSON values differ, as RFC 6901 pointers with both sides' values.
///
/// Outside exact mode, values a model generates (see `generatedKeys`) are compared by JSON
/// type only: they differ between seeds and between implementations without either being
/// wrong. An assistant message's `content` counts as generated; a user's does not.
struct JSONDiff {
    struct Entry: Equatable {
        var pointer: String
        var a: String
        var b: String
    }

    var exact: Bool

    /// Reply text, token counts, costs and model choices.
    static let generatedKeys: Set<String> = [
        "text", "models_used", "input_tokens", "output_tokens", "total_tokens", "context_tokens", "cost",
        "total_cost", "summarized", "summarized_messages",
    ]

    func differences(_ a: JSONValue, _ b: JSONValue) -> [Entry] {
        var found: [Entry] = []
        walk(a, b, pointer: "", generated: false, into: &found)
        return found
    }

    private func walk(
        _ a: JSONValue, _ b: JSONValue, pointer: String, generated: Bool, into found: inout [Entry]
    ) {
        if generated {
            if a.typeName != b.typeName && !(a.isNumber && b.isNumber) {
                found.append(Entry(pointer: pointer, a: "a \(a.typeName)", b: "a \(b.typeName)"))
            }
            return
        }
        switch (a, b) {
        case (.object(let x), .object(let y)):
            let assistant = !exact && x["role"]?.stringValue == "assistant"
            for key in Set(x.keys).union(y.keys).sorted() {
                let here = pointer + "/" + Self.escape(key)
                switch (x[key], y[key]) {
                case (let p?, let q?):
                    let isGenerated =
                        !exact && (Self.generatedKeys.contains(key) || (assistant && key == "content"))
                    walk(p, q, pointer: here, generated: isGenerated, into: &found)
                case (let p?, nil): found.append(Entry(pointer: here, a: Self.show(p), b: "absent"))
                case (nil, let q?): found.append(Entry(pointer: here, a: "absent", b: Self.show(q)))
                case (nil, nil): break
                }
            }
        case (.array(let x), .array(let y)):
            if x.count != y.count {
                found.append(
                    Entry(
                        pointer: pointer.isEmpty ? "/" : pointer, a: "\(x.count) items", b: "\(y.count) items"
                    ))
            }
            for (index, (p, q)) in zip(x, y).enumerated() {
                walk(p, q, pointer: pointer + "/\(index)", generated: false, into: &found)
            }
        default:
            if a != b {
                found.append(
                    Entry(pointer: pointer.isEmpty ? "/" : pointer, a: Self.show(a), b: Self.show(b)))
            }
        }
    }

    /// Short JSON text of a value, cut so one long reply cannot flood a report.
    static func show(_ value: JSONValue) -> String {
        clip(value.serialized())
    }

    static func clip(_ text: String, limit: Int = 80) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }

    static func escape(_ key: String) -> String {
        key.replacing("~", with: "~0").replacing("/", with: "~1")
    }
}
