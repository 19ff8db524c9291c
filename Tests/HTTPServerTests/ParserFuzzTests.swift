import Testing

@testable import HTTPServer

/// A seeded generator so every run of the fuzz tests sees the same inputs.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random valid pipelines, fed whole and in random pieces, must parse the same; mutated ones
/// must end in requests or one failure, never a crash or a parser that stops making progress.
@Suite("Request parser fuzz")
struct ParserFuzzTests {
    private static func randomRequest(_ rng: inout SeededGenerator) -> [UInt8] {
        let methods = ["GET", "POST", "PUT", "DELETE", "PATCH"]
        let method = methods[Int.random(in: 0..<methods.count, using: &rng)]
        let lineEnd = Bool.random(using: &rng) ? "\r\n" : "\n"
        var head =
            "\(method) /p\(Int.random(in: 0..<100, using: &rng))?q=\(Int.random(in: 0..<9, using: &rng)) HTTP/1.1"
        head += lineEnd + "Host: h" + lineEnd
        for i in 0..<Int.random(in: 0..<4, using: &rng) { head += "X-\(i):\t v\(i) " + lineEnd }
        let body = (0..<Int.random(in: 0..<40, using: &rng)).map { _ in
            UInt8.random(in: 97...122, using: &rng)
        }
        if body.isEmpty || method == "GET" { return Array((head + lineEnd).utf8) }
        guard Bool.random(using: &rng) else {
            return Array((head + "Content-Length: \(body.count)" + lineEnd + lineEnd).utf8) + body
        }
        var out = Array((head + "Transfer-Encoding: chunked" + lineEnd + lineEnd).utf8)
        var rest = body[...]
        while !rest.isEmpty {
            let size = Int.random(in: 1...rest.count, using: &rng)
            let ext = Bool.random(using: &rng) ? ";k=v" : ""
            out +=
                Array((String(size, radix: 16) + ext + "\r\n").utf8) + rest.prefix(size) + Array("\r\n".utf8)
            rest = rest.dropFirst(size)
        }
        return out + Array("0\r\nT: t\r\n\r\n".utf8)
    }

    private static func summaries(_ input: [UInt8], cuts: [Int]) -> [String] {
        var parser = HTTPRequestParser()
        var out: [String] = []
        var start = 0
        for cut in cuts + [input.count] where cut >= start {
            parser.feed(input[start..<cut])
            start = cut
            while let event = parser.next() {
                switch event {
                case .request(let r):
                    out.append(
                        "\(r.method) \(r.target) \(r.headers.fields.count) \(r.body) \(r.trailers.fields.count)"
                    )
                case .failure(let e): out.append("error \(e.status)")
                case .continueExpected: out.append("continue")
                }
                #expect(out.count < 1000, "the parser keeps producing events")
                if out.count >= 1000 { return out }
            }
        }
        return out
    }

    @Test func randomSplitsParseTheSame() {
        var rng = SeededGenerator(seed: 0x5EED)
        for _ in 0..<300 {
            let input = (0..<Int.random(in: 1...4, using: &rng)).flatMap { _ in Self.randomRequest(&rng) }
            let whole = Self.summaries(input, cuts: [])
            #expect(whole.allSatisfy { !$0.hasPrefix("error") }, "\(String(decoding: input, as: UTF8.self))")
            let cuts = (0..<Int.random(in: 1...6, using: &rng)).map { _ in
                Int.random(in: 0...input.count, using: &rng)
            }
            .sorted()
            #expect(Self.summaries(input, cuts: cuts) == whole, "cuts \(cuts)")
        }
    }

    @Test func mutatedRequestsEndInRequestsOrOneFailure() {
        var rng = SeededGenerator(seed: 0xBAD)
        let hostile: [UInt8] = [0, 9, 10, 13, 32, 58, 59, 48, 102, 0x7F, 0xFF]
        for _ in 0..<1000 {
            var input = (0..<Int.random(in: 1...3, using: &rng)).flatMap { _ in Self.randomRequest(&rng) }
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let at = Int.random(in: 0..<input.count, using: &rng)
                input[at] = hostile[Int.random(in: 0..<hostile.count, using: &rng)]
            }
            let cut = Int.random(in: 0...input.count, using: &rng)
            let events = Self.summaries(input, cuts: [cut])
            // Nothing follows a failure: the connection answers it and closes.
            if let failure = events.firstIndex(where: { $0.hasPrefix("error") }) {
                #expect(failure == events.count - 1)
            }
            #expect(events == Self.summaries(input, cuts: []), "split at \(cut)")
        }
    }
}
