import JSONSchema

/// What one list answer must agree with on its own: its order, and for Konnect pages the
/// arithmetic of `limit`, `offset`, `data`, `has_more` and `total`.
enum ListShapes {
    /// The sessions of a CID222 list: a bare array, or an object holding a `sessions` or
    /// `data` array (the seed shows no list body).
    static func cidItems(_ body: JSONValue) -> [JSONValue]? {
        body.arrayValue ?? body["sessions"]?.arrayValue ?? body["data"]?.arrayValue
    }

    /// Most recent first: `created_at` never increases down the list, or `updated_at` never does.
    static func judgeCIDOrder(_ items: [JSONValue], into verdicts: inout VerdictList) {
        guard items.count > 1 else { return }
        func nonIncreasing(_ field: String) -> Bool {
            let times = items.compactMap { $0[field]?.stringValue.flatMap(Instant.parse) }
            guard times.count == items.count else { return false }
            return zip(times, times.dropFirst()).allSatisfy { $0 >= $1 }
        }
        verdicts.check(
            "CID-LIST-ORDER", nonIncreasing("created_at") || nonIncreasing("updated_at"),
            expected: "created_at (or updated_at) never increasing down the list",
            actual: items.compactMap { $0["created_at"]?.stringValue }.prefix(6).joined(separator: ", "))
    }

    /// The page's own arithmetic. The effective limit is the one asked for (20 without one);
    /// above 100 a target may refuse or clamp, so such a page is only held to 100.
    static func judgeKonnectPage(_ body: JSONValue, query: [String: String], into verdicts: inout VerdictList)
    {
        guard let data = body["data"]?.arrayValue, let total = body["total"]?.intValue,
            let hasMore = body["has_more"]?.boolValue
        else { return }
        let asked = query["limit"].flatMap { Int($0) }
        let offset = query["offset"].flatMap { Int($0) } ?? 0
        guard query["offset"] == nil || Int(query["offset"] ?? "") != nil, offset >= 0 else { return }
        let count = data.count
        let limitID = asked == nil ? "KON-LIST-DEFAULT-LIMIT" : "KON-LIST-LIMIT-HONOURED"
        if let asked, asked > 100 {
            verdicts.check(
                "KON-LIST-MAX-LIMIT", count <= 100, expected: "at most 100 sessions", actual: "\(count)")
        } else if (asked ?? 20) >= 1 {
            let limit = asked ?? 20
            verdicts.check(limitID, count <= limit, expected: "at most \(limit) sessions", actual: "\(count)")
            if hasMore, offset + count < total {
                // More remain, so the page must be full.
                verdicts.check(
                    limitID, count == limit, expected: "a full page of \(limit) while has_more is true",
                    actual: "\(count)")
            }
        }
        if hasMore {
            verdicts.check(
                "KON-LIST-HAS-MORE", offset + count < total,
                expected: "has_more false when offset \(offset) + \(count) reaches total \(total)",
                actual: "has_more true")
        } else if offset + count < total {
            // has_more says the list ends here, total says it does not: whichever is wrong.
            let fullPage = count == (asked.map { min($0, 100) } ?? 20)
            verdicts.fail(
                fullPage ? "KON-LIST-HAS-MORE" : "KON-LIST-TOTAL",
                expected: fullPage
                    ? "has_more true while offset \(offset) + \(count) is below total \(total)"
                    : "total \(offset + count) for a last page of \(count) at offset \(offset)",
                actual: "has_more false, total \(total)")
        } else {
            verdicts.pass("KON-LIST-HAS-MORE")
            if count > 0 {
                verdicts.check(
                    "KON-LIST-TOTAL", offset + count == total, expected: "total \(offset + count)",
                    actual: "total \(total)")
            }
        }
    }
}
