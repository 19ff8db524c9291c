import SessionsAPI
import Testing

@testable import MockServer

@Suite("Konnect GET /v1/sessions")
struct KonnectListTests {
    @Test(
        "KON-LIST-SHAPE, KON-LIST-SUMMARY-FIELDS, KON-LIST-STATUS-200, KON-LIST-DEFAULT-LIMIT, KON-LIST-DEFAULT-OFFSET, KON-LIST-ORDER: a list without limit returns 20, newest first, with object list, has_more and total"
    )
    func defaultLimit() async throws {
        let client = KonnectTestClient()
        let ids = try await client.createSessions(25)
        let list = try await client.list()
        #expect(list.object == "list")
        #expect(list.data.count == 20)
        #expect(list.total == 25)
        #expect(list.hasMore)
        #expect(list.data.map(\.id) == Array(ids.reversed().prefix(20)))
        let first = try #require(list.data.first)
        #expect(first.messageCount == 2)
        #expect(first.mode == "smart_chat")
        #expect(first.title == "Question number 24")
    }

    @Test("KON-LIST-SHAPE, KON-LIST-TOTAL: an empty list has total 0 and no more pages")
    func emptyList() async throws {
        let list = try await KonnectTestClient().list()
        #expect(list.data.isEmpty)
        #expect(list.total == 0)
        #expect(!list.hasMore)
    }

    @Test(
        "KON-LIST-MAX-LIMIT, KON-LIST-LIMIT-HONOURED, KON-LIST-OFFSET-SKIPS, KON-LIST-HAS-MORE, KON-LIST-TOTAL, KON-LIST-OFFSET-PAST-END: pages over 250 sessions are disjoint, cover all, and report has_more and total right"
    )
    func pagination250() async throws {
        let client = KonnectTestClient()
        let ids = try await client.createSessions(250)
        let newestFirst = Array(ids.reversed())

        var seen: [String] = []
        var offset = 0
        while true {
            let page = try await client.list("?limit=100&offset=\(offset)")
            #expect(page.total == 250)
            #expect(page.hasMore == (offset + page.data.count < 250))
            seen += page.data.map(\.id)
            if !page.hasMore { break }
            offset += page.data.count
        }
        #expect(seen == newestFirst)
        #expect(Set(seen).count == 250)

        let atZero = try await client.list("?offset=0&limit=7")
        #expect(atZero.data.map(\.id) == Array(newestFirst[0..<7]))
        #expect(atZero.hasMore)

        let atLast = try await client.list("?offset=249")
        #expect(atLast.data.map(\.id) == [newestFirst[249]])
        #expect(!atLast.hasMore)
        #expect(atLast.total == 250)

        for offset in ["250", "1000", "99999999999999999999999"] {
            let past = try await client.list("?offset=\(offset)")
            #expect(past.data.isEmpty)
            #expect(!past.hasMore)
            #expect(past.total == 250)
        }

        let max = try await client.list("?limit=100")
        #expect(max.data.count == 100)
        let one = try await client.list("?limit=1&offset=248")
        #expect(one.data.map(\.id) == [newestFirst[248]])
        #expect(one.hasMore)
    }

    @Test("KON-LIST-ORDER: sessions created in the same second list the later one first")
    func sameSecondOrder() async throws {
        let client = KonnectTestClient(
            options: KonnectTestClient.options(clock: ClockSpec(start: 1_736_937_000, tick: 0)))
        let ids = try await client.createSessions(3)
        #expect(try await client.list().data.map(\.id) == ids.reversed())
    }

    @Test("KON-LIST-USER-SCOPE: the list holds only the caller's sessions")
    func ownSessionsOnly() async throws {
        let client = KonnectTestClient()
        let mine = try await client.createSessions(3)
        let theirs = try await client.createSessions(2, key: KonnectTestClient.otherKey)
        #expect(Set(try await client.list().data.map(\.id)) == Set(mine))
        #expect(Set(try await client.list(key: KonnectTestClient.otherKey).data.map(\.id)) == Set(theirs))
    }

    @Test(
        "KON-LIST-LIMIT-RANGE-400, KON-LIST-LIMIT-INTEGER-400, KON-LIST-OFFSET-INVALID-400, KON-ERROR-ENVELOPE: limit and offset outside their bounds or not integers get 400 naming the parameter",
        arguments: [
            ("?limit=0", "limit"), ("?limit=101", "limit"), ("?limit=-1", "limit"), ("?limit=abc", "limit"),
            ("?limit=", "limit"), ("?limit=1.5", "limit"), ("?limit=+5", "limit"), ("?limit=%205", "limit"),
            ("?limit=99999999999999999999999", "limit"), ("?offset=-1", "offset"), ("?offset=x", "offset"),
            ("?offset=", "offset"), ("?offset=1e3", "offset"), ("?limit=10&offset=-5", "offset"),
        ])
    func badQuery(query: String, param: String) async throws {
        let client = KonnectTestClient()
        _ = try await client.createSessions(1)
        let response = await client.send("GET", "/v1/sessions" + query)
        #expect(response.status == 400, "\(query) → \(response.text)")
        let error = try response.error()
        #expect(error.param == param)
        #expect(error.status == 400)
        #expect(error.code == "invalid_request")
    }

    @Test("KON-LIST-LIMIT-HONOURED: limit 1 and 100 are accepted; leading zeros are still integers")
    func limitBounds() async throws {
        let client = KonnectTestClient()
        _ = try await client.createSessions(3)
        #expect(try await client.list("?limit=1").data.count == 1)
        #expect(try await client.list("?limit=100").data.count == 3)
        #expect(try await client.list("?limit=002").data.count == 2)
    }

    @Test("query values are read strictly as ASCII digits")
    func decimalParsing() {
        #expect(KonnectPage.decimal("0") == 0)
        #expect(KonnectPage.decimal("0042") == 42)
        #expect(KonnectPage.decimal("") == nil)
        #expect(KonnectPage.decimal("٣") == nil)
        #expect(KonnectPage.decimal("1_000") == nil)
        #expect(KonnectPage.decimal(String(repeating: "9", count: 5000)) == Int.max)
    }
}

/// A list page is kept as sent until the user's sessions change; every change shows.
@Suite("Konnect list pages, cached")
struct KonnectListCacheTests {
    @Test func aRepeatedPageIsTheSameAndEveryChangeShows() async throws {
        let client = KonnectTestClient()
        let ids = try await client.createSessions(3)
        let first = await client.send("GET", "/v1/sessions?limit=2")
        let again = await client.send("GET", "/v1/sessions?limit=2")
        #expect(again.body == first.body)

        _ = try await client.chat("and more", session: ids[2])
        let afterChat = try await client.list("?limit=2")
        #expect(afterChat.data.first?.messageCount == 4)

        let renamed = await client.send("PATCH", "/v1/sessions/\(ids[2])", json: #"{"title":"Renamed"}"#)
        #expect(renamed.status == 200)
        #expect(try await client.list("?limit=2").data.first?.title == "Renamed")

        #expect(await client.send("DELETE", "/v1/sessions/\(ids[2])").status == 200)
        let afterDelete = try await client.list("?limit=2")
        #expect(afterDelete.data.map(\.id) == [ids[1], ids[0]])
        #expect(afterDelete.total == 2)

        _ = try await client.chat("a new one")
        #expect(try await client.list("?limit=2").total == 3)
        // Another page of the same sessions is its own.
        #expect(try await client.list("?limit=1&offset=2").data.map(\.id) == [ids[0]])
    }
}
