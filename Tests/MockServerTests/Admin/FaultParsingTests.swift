import Testing

@testable import MockServer

@Suite("Fault parsing: the X-Mock-Fault header and admin bodies")
struct FaultParsingTests {
    @Test("the header's documented forms parse")
    func headerForms() throws {
        let rate = try InlineFaultHeader.parse("status=429;retry_after=2")
        #expect(rate.status == 429 && rate.retryAfterSeconds == 2)
        #expect(try InlineFaultHeader.parse("cut_after=3").cutAfterEvents == 3)
        let stall = try InlineFaultHeader.parse(" stall_ms = 5000 ; stall_after=2 ")
        #expect(stall.stallMilliseconds == 5000 && stall.stallAfterEvents == 2)
        #expect(try InlineFaultHeader.parse("latency_ms=200").latencyMilliseconds == 200)
        #expect(try InlineFaultHeader.parse("reset").reset)
        #expect(try InlineFaultHeader.parse("malformed").malformedAfterEvents == 1)
        #expect(try InlineFaultHeader.parse("status=overloaded").status == 529)
        #expect(try InlineFaultHeader.parse("latency_min_ms=10;latency_max_ms=20").latencyRange == 10...20)
    }

    @Test(
        "bad headers are refused with a reason naming the header",
        arguments: [
            "", ";;", "=3", "status", "status=abc", "status=200", "status=600", "retry_after=2", "bogus=1",
            "cut_after=-1", "cut_after=3;cut_after=4", "reset;status=500", "status=500;cut_after=1",
            "stall_after=2", "latency_min_ms=20;latency_max_ms=10", "latency_max_ms=10",
            "latency_ms=1;latency_min_ms=1;latency_max_ms=2", "latency_ms=99999999999999999999999",
            "stall_ms=0", "reset=false", "status=429\u{0};x",
        ])
    func badHeaders(value: String) {
        #expect(throws: AdminInputError.self) { try InlineFaultHeader.parse(value) }
        do {
            _ = try InlineFaultHeader.parse(value)
        } catch {
            #expect(error.field == InlineFaultHeader.name)
        }
    }

    @Test("an oversized header is refused without being scanned")
    func oversizedHeader() {
        let value = String(repeating: "latency_ms=1;", count: 200)
        #expect(throws: AdminInputError.self) { try InlineFaultHeader.parse(value) }
    }

    @Test(
        "admin bodies name the offending field",
        arguments: [
            (#"[]"#, "body"),
            (#"{"status": "429"}"#, "status"),
            (#"{"status": 429, "api": "openai"}"#, "api"),
            (#"{"status": 429, "method": "post"}"#, "method"),
            (#"{"status": 429, "path": "sessions"}"#, "path"),
            (#"{"status": 429, "times": 0}"#, "times"),
            (#"{"status": 429, "times": 1.5}"#, "times"),
            (#"{"status": 429, "colour": "red"}"#, "colour"),
            (#"{"cut_after": true}"#, "cut_after"),
            (#"{"reset": "yes"}"#, "reset"),
            (#"{"api": "cid222"}"#, "fault"),
            (#"{"message": "x"}"#, "message"),
        ])
    func badBodies(body: String, field: String) throws {
        let store = FaultStore()
        let json = try AdminBody.parse(Array(body.utf8))
        do {
            _ = try store.add(body: json, namespace: "default")
            Issue.record("accepted \(body)")
        } catch {
            #expect(error.field == field)
        }
        #expect(store.list(namespace: "default").isEmpty)
    }

    @Test("malformed, truncated and hostile JSON bodies are refused as body errors")
    func malformedJSON() {
        let nested = String(repeating: "[", count: 100_000)
        for body in ["", "{", #"{"status": 4"#, "not json", nested, "{}\u{0}"] {
            do {
                _ = try AdminBody.parse(Array(body.utf8))
                Issue.record("accepted \(body.prefix(20))")
            } catch {
                #expect(error.field == "body")
            }
        }
        let invalidUTF8: [UInt8] = [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]
        #expect(throws: AdminInputError.self) { try AdminBody.parse(invalidUTF8) }
    }
}

@Suite("Faults file (--faults)")
struct FaultFileTests {
    @Test("a file registers its faults in their namespaces")
    func loads() throws {
        let store = FaultStore()
        let file = #"[{"status":429,"path":"/v1/**"},{"namespace":"ci","cut_after":2,"times":1}]"#
        #expect(try FaultFile.load(Array(file.utf8), into: store) == 2)
        #expect(store.list(namespace: "default").first?.action.status == 429)
        #expect(store.list(namespace: "ci").first?.action.cutAfterEvents == 2)
    }

    @Test(
        "a bad file names the entry and field, and registers nothing",
        arguments: [
            (#"{"status":429}"#, "faults"),
            (#"[{"status":429},7]"#, "faults[1]"),
            (#"[{"status":429},{"namespace":"","status":500}]"#, "faults[1].namespace"),
            (#"[{"status":429},{"status":429,"times":0}]"#, "faults[1].times"),
            (#"[{"status":429}"#, "body"),
        ])
    func refuses(file: String, field: String) {
        let store = FaultStore()
        do {
            try FaultFile.load(Array(file.utf8), into: store)
            Issue.record("accepted \(file)")
        } catch {
            #expect(error.field == field)
        }
        #expect(store.list(namespace: "default").isEmpty)
    }
}
