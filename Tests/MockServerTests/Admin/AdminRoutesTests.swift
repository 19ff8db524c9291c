import HTTPServer
import JSONSchema
import Testing

@testable import MockServer

@Suite("Admin routes: faults, replies, reset")
struct AdminRoutesTests {
    let environment = AdminTest.environment()
    var handler: HTTPHandler { AdminTest.handler(environment) }

    func addFault(_ body: String, namespace: String? = nil) async throws -> JSONValue {
        let headers = namespace.map { [("X-Mock-Namespace", $0)] } ?? []
        let response = await handler(
            AdminTest.request("POST", "/__admin/faults", headers: headers, body: body))
        #expect(response.status == 201)
        return try await AdminTest.json(response)
    }

    @Test("a registered fault is returned with an id, listed, and removable by id")
    func faultLifecycle() async throws {
        let fault = try await addFault(
            #"{"api":"konnect","method":"GET","path":"/v1/sessions","status":500}"#)
        let id = try #require(fault["id"]?.string)
        #expect(fault["status"]?.int == 500)
        #expect(fault["namespace"]?.string == "default")
        let list = try await AdminTest.json(await handler(AdminTest.request("GET", "/__admin/faults")))
        #expect(list["data"]?.array?.count == 1)
        #expect(await handler(AdminTest.request("GET", "/v1/sessions")).status == 500)
        #expect(await handler(AdminTest.request("DELETE", "/__admin/faults/\(id)")).status == 204)
        #expect(await handler(AdminTest.request("DELETE", "/__admin/faults/\(id)")).status == 404)
        #expect(await handler(AdminTest.request("GET", "/v1/sessions")).status == 200)
    }

    @Test("times=N applies to the next N matching requests only, then the fault is gone")
    func timesHonoured() async throws {
        _ = try await addFault(#"{"path":"/v1/sessions","status":429,"times":2}"#)
        var statuses: [Int] = []
        for _ in 0..<4 { statuses.append(await handler(AdminTest.request("GET", "/v1/sessions")).status) }
        #expect(statuses == [429, 429, 200, 200])
        let list = try await AdminTest.json(await handler(AdminTest.request("GET", "/__admin/faults")))
        #expect(list["data"]?.array?.isEmpty == true)
    }

    @Test("a fault matches only its api, method and path")
    func matching() async throws {
        _ = try await addFault(
            #"{"api":"cid222","method":"POST","path":"/sessions/*/messages","status":503}"#)
        #expect(await handler(AdminTest.request("GET", "/sessions")).status == 200)
        #expect(await handler(AdminTest.request("POST", "/v1/chat", body: "{}")).status == 200)
        #expect(await handler(AdminTest.request("POST", "/sessions/abc/messages", body: "{}")).status == 503)
    }

    @Test("faults in one namespace do not touch another; clearing one namespace keeps the other's")
    func namespaces() async throws {
        _ = try await addFault(#"{"status":500}"#, namespace: "test-a")
        _ = try await addFault(#"{"status":503}"#, namespace: "test-b")
        let inA = AdminTest.request("GET", "/v1/sessions", headers: [("X-Mock-Namespace", "test-a")])
        let inB = AdminTest.request("GET", "/v1/sessions", headers: [("X-Mock-Namespace", "test-b")])
        #expect(await handler(inA).status == 500)
        #expect(await handler(inB).status == 503)
        #expect(await handler(AdminTest.request("GET", "/v1/sessions")).status == 200)
        #expect(await handler(AdminTest.request("DELETE", "/__admin/faults?namespace=test-a")).status == 204)
        #expect(await handler(inA).status == 200)
        #expect(await handler(inB).status == 503)
    }

    @Test("admin requests are never faulted, even by an api-any fault on every path")
    func adminNotFaulted() async throws {
        _ = try await addFault(#"{"path":"/**","reset":true}"#)
        #expect(await handler(AdminTest.request("GET", "/__admin/health")).status == 200)
        let faulted = await handler(
            AdminTest.request("GET", "/__admin/faults", headers: [("X-Mock-Fault", "status=500")]))
        #expect(faulted.status == 200)
    }

    @Test(
        "bad admin input gets 400 naming the field, and changes nothing",
        arguments: [
            ("POST", "/__admin/faults", "", "body"),
            ("POST", "/__admin/faults", "{", "body"),
            ("POST", "/__admin/faults", #"{"status":429,"times":-1}"#, "times"),
            ("POST", "/__admin/faults", #"{"latency_ms":"slow"}"#, "latency_ms"),
            ("POST", "/__admin/replies", #"{"pattern":"hi"}"#, "reply"),
            (
                "POST", "/__admin/replies",
                #"{"reply":"x","api":"konnect","events":[{"type":"filter_warning"}]}"#, "events"
            ),
            (
                "POST", "/__admin/replies",
                #"{"reply":"x","api":"cid222","events":[{"type":"message_stop"}]}"#, "events[0].type"
            ),
            ("POST", "/__admin/replies", #"{"reply":"x","api":"cid222","events":[3]}"#, "events[0]"),
            ("POST", "/__admin/replies", #"{"reply":"x","pattern":""}"#, "pattern"),
            ("POST", "/__admin/replies", #"{"reply":"x","regex":true}"#, "regex"),
            ("GET", "/__admin/requests?limit=0", nil, "limit"),
            ("GET", "/__admin/requests?limit=abc", nil, "limit"),
            ("GET", "/__admin/requests?offset=-1", nil, "offset"),
            ("GET", "/__admin/faults?namespace=", nil, "namespace"),
        ] as [(String, String, String?, String)])
    func badInput(method: String, target: String, body: String?, field: String) async throws {
        let response = await handler(AdminTest.request(method, target, body: body))
        #expect(response.status == 400)
        let json = try await AdminTest.json(response)
        #expect(json["details"]?["field"]?.string == field)
        #expect(json["message"]?.string?.hasPrefix(field) == true)
        #expect(environment.faults.list(namespace: "default").isEmpty)
        #expect(environment.replies.list(namespace: "default").isEmpty)
    }

    @Test("a flood of faults stops at the per-namespace cap with a 400, not unbounded memory")
    func faultCap() async throws {
        for _ in 0..<FaultStore.maxPerNamespace {
            _ = try environment.faults.add(body: .object(["latency_ms": .int(1)]), namespace: "cap")
        }
        let response = await handler(
            AdminTest.request("POST", "/__admin/faults?namespace=cap", body: #"{"latency_ms":1}"#))
        #expect(response.status == 400)
        #expect(environment.faults.list(namespace: "cap").count == FaultStore.maxPerNamespace)
    }

    @Test("scripted replies: first match wins, times counts down, ignore_case, unmatched gets nil")
    func scriptedReplies() async throws {
        for body in [
            #"{"api":"konnect","pattern":"weather","reply":"Sunny.","times":1}"#,
            #"{"pattern":"HELLO","ignore_case":true,"reply":"Hi there."}"#,
            #"{"api":"cid222","reply":"Masked.","events":[{"type":"filter_warning","entity":"email"}]}"#,
        ] {
            #expect(await handler(AdminTest.request("POST", "/__admin/replies", body: body)).status == 201)
        }
        let replies = environment.replies
        #expect(replies.take(api: .konnect, namespace: "default", message: "the weather?")?.reply == "Sunny.")
        #expect(replies.take(api: .konnect, namespace: "default", message: "the weather?") == nil)
        #expect(
            replies.take(api: .konnect, namespace: "default", message: "well, hello")?.reply == "Hi there.")
        #expect(replies.take(api: .konnect, namespace: "other", message: "hello") == nil)
        let cid = try #require(replies.take(api: .cid222, namespace: "default", message: "anything"))
        #expect(cid.reply == "Masked.")
        #expect(cid.events == [#"{"entity":"email","type":"filter_warning"}"#])
        let list = try await AdminTest.json(await handler(AdminTest.request("GET", "/__admin/replies")))
        #expect(list["data"]?.array?.count == 2)
        #expect(await handler(AdminTest.request("DELETE", "/__admin/replies")).status == 204)
        #expect(replies.list(namespace: "default").isEmpty)
    }

    @Test("reset with a namespace forgets only that namespace; without one, everything")
    func reset() async throws {
        _ = try await addFault(#"{"status":500}"#, namespace: "a")
        _ = try await addFault(#"{"status":500}"#, namespace: "b")
        _ = await handler(AdminTest.request("GET", "/v1/sessions", headers: [("X-Mock-Namespace", "a")]))
        let one = await handler(AdminTest.request("POST", "/__admin/reset?namespace=a"))
        #expect(try await AdminTest.json(one)["reset"]?.string == "a")
        #expect(environment.faults.list(namespace: "a").isEmpty)
        #expect(environment.journal.page(namespace: "a", limit: 10, offset: 0).total == 0)
        #expect(environment.faults.list(namespace: "b").count == 1)
        _ = await handler(AdminTest.request("POST", "/__admin/reset"))
        #expect(environment.faults.list(namespace: "b").isEmpty)
    }
}
