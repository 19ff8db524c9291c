import HTTPServer
import Testing

@testable import MockServer

@Suite("Request journal, concurrently")
struct RequestJournalTests {
    static func entry(_ namespace: String, body: Int = 10) -> JournalEntry {
        JournalEntry(
            id: 0, namespace: namespace, method: "GET", target: "/v1/sessions", path: "/v1/sessions",
            status: 200, outcome: .complete, durationMilliseconds: nil, requestHeaders: HTTPHeaders(),
            requestBody: CappedBytes([UInt8](repeating: 0x61, count: body), limit: 1 << 20),
            responseHeaders: HTTPHeaders(), responseBody: CappedBytes(limit: 1 << 20), streamed: false,
            fault: nil)
    }

    @Test func concurrentAppendsKeepEveryEntryOnceInIdOrderPerNamespace() async {
        let journal = RequestJournal(capacity: 10_000, bodyLimit: 1 << 20)
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for _ in 0..<500 { journal.append(Self.entry("ns\(worker % 4)")) }
                }
            }
        }
        var ids: [Int] = []
        for namespace in 0..<4 {
            let (entries, total) = journal.page(namespace: "ns\(namespace)", limit: 10_000, offset: 0)
            #expect(total == 1000)
            let pageIDs = entries.map(\.id)
            #expect(pageIDs == pageIDs.sorted(by: >), "newest first is id order within a namespace")
            ids += pageIDs
        }
        #expect(Set(ids).count == 4000)
        let perEntry = Self.entry("ns0").retainedBytes
        #expect(journal.retainedBytes == 4000 * perEntry)
        journal.clear(namespace: "ns1")
        #expect(journal.retainedBytes == 3000 * perEntry)
        journal.clear(namespace: nil)
        #expect(journal.retainedBytes == 0)
    }

    @Test func theByteBudgetDropsTheOldestOfAnyNamespaceUnderConcurrentAppends() async {
        let perEntry = Self.entry("a").retainedBytes
        let journal = RequestJournal(capacity: 1000, bodyLimit: 1 << 20, maxTotalBytes: 50 * perEntry)
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    for _ in 0..<300 { journal.append(Self.entry("w\(worker)")) }
                }
            }
        }
        #expect(journal.retainedBytes <= 50 * perEntry)
        let kept = (0..<4).reduce(0) { $0 + journal.page(namespace: "w\($1)", limit: 1000, offset: 0).total }
        #expect(kept * perEntry == journal.retainedBytes)
        #expect(kept >= 49)
    }

    @Test func anUpdateChangesTheEntryAndItsBytes() {
        let journal = RequestJournal(capacity: 10, bodyLimit: 1 << 20)
        let id = journal.append(Self.entry("s"))
        journal.append(Self.entry("s"))
        let before = journal.retainedBytes
        journal.update(id: id, namespace: "s") { $0.events = ["0123456789"] }
        #expect(journal.retainedBytes == before + 10)
        #expect(journal.page(namespace: "s", limit: 10, offset: 0).entries.last?.events == ["0123456789"])
        journal.update(id: 999, namespace: "s") { $0.status = 500 }
        #expect(journal.retainedBytes == before + 10)
    }
}
