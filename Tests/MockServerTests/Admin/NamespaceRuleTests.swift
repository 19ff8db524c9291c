import Foundation
import HTTPServer
import JSONSchema
import Testing

@testable import MockServer

/// One rule for namespace names across the whole mock: 1…256 characters wherever given.
@Suite("Namespace names: 1…256 characters, else 400 in the addressed API's envelope")
struct NamespaceRuleTests {
    let handler = MockServer.makeHandler(environment: AdminTest.environment())

    static let tooLong = String(repeating: "n", count: 257)
    static let longest = String(repeating: "é", count: 256)  // 512 bytes: characters count

    func send(_ method: String, _ target: String, namespace: String, auth: String? = nil) async
        -> HTTPResponse
    {
        var headers = [("X-Mock-Namespace", namespace)]
        if let auth { headers.append(("Authorization", auth)) }
        return await handler(AdminTest.request(method, target, headers: headers))
    }

    @Test("the rule itself", arguments: [("", false), ("a", true), (longest, true), (tooLong, false)])
    func rule(name: String, valid: Bool) {
        #expect((NamespaceRule.problem(with: name) == nil) == valid)
    }

    @Test("Konnect answers 400 in its envelope, naming the header", arguments: ["", tooLong])
    func konnect(name: String) async throws {
        let response = await send("GET", "/v1/sessions", namespace: name, auth: "Bearer sk_test_a")
        #expect(response.status == 400)
        let error = try await AdminTest.json(response)
        #expect(error["error"]?["param"]?.string == "X-Mock-Namespace")
        #expect(error["error"]?["status"]?.int == 400)
    }

    @Test("CID222 answers 400 in its envelope, before authentication", arguments: ["", tooLong])
    func cid222(name: String) async throws {
        let response = await send("GET", "/sessions", namespace: name)
        #expect(response.status == 400)
        let error = try await AdminTest.json(response)
        #expect(error["statusCode"]?.int == 400)
        #expect(error["details"]?["field"]?.string == "X-Mock-Namespace")
    }

    @Test("a name at the limit is used as given")
    func longestAccepted() async throws {
        let response = await send("GET", "/v1/sessions", namespace: Self.longest, auth: "Bearer sk_test_a")
        #expect(response.status == 200)
        let faults = await send("GET", "/__admin/faults", namespace: Self.longest)
        #expect(faults.status == 200)
    }

    @Test(
        "admin calls check the header even when ?namespace= wins, and the query too",
        arguments: [
            ("/__admin/faults?namespace=ok", tooLong, "X-Mock-Namespace"),
            ("/__admin/faults?namespace=ok", "", "X-Mock-Namespace"),
            ("/__admin/faults?namespace=", "ok", "namespace"),
            ("/__admin/faults?namespace=\(tooLong)", "ok", "namespace"),
        ])
    func admin(target: String, header: String, field: String) async throws {
        for method in ["GET", "DELETE"] {
            let response = await send(method, target, namespace: header)
            #expect(response.status == 400)
            #expect(try await AdminTest.json(response)["details"]?["field"]?.string == field)
        }
        let deleteOne = await send(
            "DELETE", target.replacingOccurrences(of: "faults", with: "faults/flt_1"), namespace: header)
        #expect(deleteOne.status == 400)
    }
}
