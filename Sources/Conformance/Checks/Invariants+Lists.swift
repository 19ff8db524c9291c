import JSONSchema

/// Checks of list answers: pages, their arithmetic, order and membership.
extension Invariants {
    // MARK: Lists and pages

    /// The session objects of a list answer: a bare array, or an object holding one under
    /// `data` or `sessions`.
    static func items(of value: JSONValue?) -> [JSONValue]? {
        guard let value else { return nil }
        if let array = value.arrayValue { return array }
        return value["data"]?.arrayValue ?? value["sessions"]?.arrayValue
    }

    static func ids(of value: JSONValue?) -> [String]? {
        items(of: value)?.map { $0["id"]?.stringValue ?? "" }
    }

    /// Args: `pages`: no id appears on two pages, nor twice on one.
    static let pagesDisjoint: Check = { input in
        guard let pages = input.arguments["pages"]?.arrayValue else { return "args.pages is not an array" }
        var seen: [String: Int] = [:]
        for (pageIndex, page) in pages.enumerated() {
            guard let ids = ids(of: page) else { return "page \(pageIndex) holds no list" }
            for id in ids {
                if let other = seen[id] { return "session \(id) is on page \(other) and page \(pageIndex)" }
                seen[id] = pageIndex
            }
        }
        return nil
    }

    /// Args: `pages`, `ids`: every id is on some page. When the last page says more follow,
    /// the pages do not cover the account and the check is blocked.
    static let pagesCover: Check = { input throws(InvariantBlocked) in
        guard let pages = input.arguments["pages"]?.arrayValue else { return "args.pages is not an array" }
        if pages.last?["has_more"]?.boolValue == true {
            throw InvariantBlocked(reason: "the account holds more sessions than these pages cover")
        }
        let wanted = input.arguments["ids"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let union = Set(pages.flatMap { ids(of: $0) ?? [] })
        let missing = wanted.filter { !union.contains($0) }
        return missing.isEmpty
            ? nil : "\(missing.count) of \(wanted.count) sessions are on no page: \(missing.prefix(3))"
    }

    /// One page's arithmetic. Args: `offset`, `limit`, optionally `page` (else the answer),
    /// `all` (a page that holds every session, taken as the true total when its has_more is
    /// false, so that a wrong `total` is one deviation and not three) and `aspect`:
    /// `count` (the page holds min(limit, total - offset) items), `hasMore` (true exactly
    /// when offset + items < total), `total` (the page's total is the true one); absent: all.
    static let pageArithmetic: Check = { input in
        let page = input.arguments["page"] ?? input.document
        guard let total = page["total"]?.intValue, let hasMore = page["has_more"]?.boolValue,
            let count = page["data"]?.arrayValue?.count
        else { return "the page lacks total, has_more or data" }
        let offset = input.arguments["offset"]?.intValue ?? 0
        guard let limit = input.arguments["limit"]?.intValue else { return "args.limit is missing" }
        var truth = total
        if let all = input.arguments["all"], all["has_more"]?.boolValue == false,
            let everything = all["data"]?.arrayValue?.count
        {
            truth = everything
        }
        let aspect = input.arguments["aspect"]?.stringValue
        if aspect == nil || aspect == "total", total != truth {
            return "total is \(total) but a page of every session holds \(truth)"
        }
        let expectedCount = min(limit, max(0, truth - offset))
        if aspect == nil || aspect == "count", count != expectedCount {
            return
                "offset \(offset), limit \(limit), \(truth) sessions: expected \(expectedCount) items, got \(count)"
        }
        if aspect == nil || aspect == "hasMore", hasMore != (offset + count < truth) {
            return
                "has_more is \(hasMore) but offset \(offset) + \(count) items vs \(truth) sessions says \(!hasMore)"
        }
        return nil
    }

    /// Args: `list`, `created` (ids in creation order) and `aspect`: `timestamps` (down the
    /// list, `created_at` never increases, or else `updated_at` never does: "most recent"
    /// may mean either), `positions` (the created sessions appear latest created first, which
    /// only a tie-breaking rule fixes within one second); absent: both.
    static let newestFirst: Check = { input throws(InvariantBlocked) in
        guard let items = items(of: input.arguments["list"] ?? input.document) else { return "no list" }
        let aspect = input.arguments["aspect"]?.stringValue
        if aspect == nil || aspect == "positions" {
            let created = input.arguments["created"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let positions = created.map { id in items.firstIndex { $0["id"]?.stringValue == id } }
            if let missing = positions.firstIndex(where: { $0 == nil }) {
                if (input.arguments["list"] ?? input.document)["has_more"]?.boolValue == true {
                    throw InvariantBlocked(reason: "session \(created[missing]) is not on this page")
                }
                return "session \(created[missing]) is not in the list"
            }
            let order = positions.compactMap { $0 }
            for index in order.indices.dropFirst() where order[index] >= order[index - 1] {
                return
                    "session created later (\(created[index])) is listed after an older one (\(created[index - 1]))"
            }
        }
        if aspect == nil || aspect == "timestamps" {
            let byCreation = firstRise(in: items, of: "created_at")
            if let byCreation, firstRise(in: items, of: "updated_at") != nil {
                return "neither created_at nor updated_at is newest first: \(byCreation)"
            }
        }
        return nil
    }

    /// Where `field` first goes up down the list (compared as instants, fractions included),
    /// or nil when it never does. A missing or unreadable time counts as a rise.
    private static func firstRise(in items: [JSONValue], of field: String) -> String? {
        let stamps = items.map { $0[field]?.stringValue ?? "" }
        let instants = stamps.map(Instant.parse)
        for index in instants.indices.dropFirst() {
            guard let later = instants[index], let earlier = instants[index - 1] else {
                return "\(field) is missing or not a timestamp at item \(index)"
            }
            if later > earlier { return "\(field) goes up: \(stamps[index - 1]) then \(stamps[index])" }
        }
        return nil
    }

    /// Args: `list`, `ids`: every id is in the list. A page with more after it (`has_more`)
    /// that lacks an id blocks the check: on an account with many sessions, which ones land on
    /// the first page is the order's business.
    static let listIncludes: Check = { input throws(InvariantBlocked) in
        let list = input.arguments["list"] ?? input.document
        guard let listed = ids(of: list) else { return "no list" }
        let wanted = input.arguments["ids"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let missing = wanted.filter { !listed.contains($0) }
        if !missing.isEmpty, list["has_more"]?.boolValue == true {
            throw InvariantBlocked(
                reason: "\(missing.count) sessions are not on this page, and more pages follow")
        }
        return missing.isEmpty ? nil : "missing from the list: \(missing)"
    }

    /// Args: `list`, `ids`: no id is in the list.
    static let listExcludes: Check = { input in
        guard let listed = ids(of: input.arguments["list"] ?? input.document) else { return "no list" }
        let unwanted = input.arguments["ids"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let present = unwanted.filter { listed.contains($0) }
        return present.isEmpty ? nil : "listed but should not be: \(present)"
    }
}
