import HTTPServer
import JSONSchema
import Testing

@testable import MockServer

/// `error_after` and its companions are checked like every other effect: ranges, which
/// combinations make sense, and a 400 naming the field.
@Suite("error_after: parsing and validation")
struct ErrorAfterParsingTests {
    @Test("the header forms parse, and message or error_type alone need error_after")
    func headerForms() throws {
        let plain = try InlineFaultHeader.parse("error_after=2")
        #expect(plain.errorAfterEvents == 2 && plain.errorType == nil && plain.message == nil)
        let full = try InlineFaultHeader.parse("error_after=0;error_type=overloaded_error;message=later")
        #expect(full.errorAfterEvents == 0 && full.errorType == "overloaded_error" && full.message == "later")
        let combined = try InlineFaultHeader.parse("error_after=3;stall_ms=10;latency_ms=5")
        #expect(combined.errorAfterEvents == 3 && combined.stallMilliseconds == 10)
    }

    @Test(
        "bad error_after headers are refused naming the header",
        arguments: [
            "error_after=-1", "error_after=abc", "error_after=1000001", "error_after", "error_type=x",
            "error_after=1;error_type=", "error_after=1;error_type=two words", "error_after=1;cut_after=2",
            "error_after=1;status=500", "error_after=1;reset", "message=x",
            "error_after=1;error_type=" + String(repeating: "a", count: 65),
        ])
    func badHeaders(value: String) {
        do {
            _ = try InlineFaultHeader.parse(value)
            Issue.record("accepted \(value)")
        } catch {
            #expect(error.field == InlineFaultHeader.name)
        }
    }

    @Test(
        "bad admin bodies name the offending field and register nothing",
        arguments: [
            (#"{"error_after": -1}"#, "error_after"),
            (#"{"error_after": "2"}"#, "error_after"),
            (#"{"error_after": 1.5}"#, "error_after"),
            (#"{"error_after": 1000001}"#, "error_after"),
            (#"{"error_after": 1, "cut_after": 1}"#, "error_after"),
            (#"{"error_after": 1, "api": "konnect"}"#, "error_after"),
            (#"{"error_after": 1, "status": 503}"#, "status"),
            (#"{"error_after": 1, "reset": true}"#, "reset"),
            (#"{"error_type": "upstream_error"}"#, "error_type"),
            (#"{"error_after": 1, "error_type": 7}"#, "error_type"),
            (#"{"error_after": 1, "error_type": "no-dashes"}"#, "error_type"),
            (#"{"error_after": 1, "message": 5}"#, "message"),
            (#"{"message": "x", "error_type": "a"}"#, "message"),
        ])
    func badBodies(body: String, field: String) throws {
        let store = FaultStore()
        do {
            _ = try store.add(body: try AdminBody.parse(Array(body.utf8)), namespace: "default")
            Issue.record("accepted \(body)")
        } catch {
            #expect(error.field == field)
        }
        #expect(store.list(namespace: "default").isEmpty)
    }

    @Test(
        "over HTTP a bad value is a 400 naming the field: details.field for the admin body, the message for the header"
    )
    func badValuesOverHTTP() async throws {
        let handler = AdminTest.handler(AdminTest.environment())
        let admin = await handler(
            AdminTest.request("POST", "/__admin/faults", body: #"{"error_after":1,"error_type":"a b"}"#))
        #expect(admin.status == 400)
        #expect(try await AdminTest.json(admin)["details"]?["field"]?.string == "error_type")
        let inline = await handler(
            AdminTest.request(
                "POST", "/sessions/s1/messages", headers: [("X-Mock-Fault", "error_after=-3")], body: "{}"))
        #expect(inline.status == 400)
        let body = try await AdminTest.json(inline)
        // An API request answers in the API's envelope; its message names the header and the item.
        let message = try #require(body["message"]?.string)
        #expect(message.contains(InlineFaultHeader.name) && message.contains("error_after"))
    }

    @Test("a faults file with a bad error_after names the entry and field")
    func badFile() {
        let store = FaultStore()
        do {
            try FaultFile.load(
                Array(#"[{"error_after":2},{"error_after":2,"api":"konnect"}]"#.utf8), into: store)
            Issue.record("accepted the file")
        } catch {
            #expect(error.field == "faults[1].error_after")
        }
        #expect(store.list(namespace: "default").isEmpty)
    }
}
