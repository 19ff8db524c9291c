import HTTPServer

/// The `limit` and `offset` of `GET /v1/sessions` (`001_e881a79b0c8c0818.txt`, "GET
/// /v1/sessions", query parameters): limit 1…100, default 20; offset ≥ 0, default 0.
struct KonnectPage: Sendable, Equatable {
    static let defaultLimit = 20
    static let maximumLimit = 100

    var limit: Int
    var offset: Int

    /// Reads the query. Only plain decimal digits are numbers; an offset too large for `Int`
    /// is past any end, so it is kept as `Int.max` rather than refused.
    static func parse(_ request: HTTPRequest) throws(KonnectAPIError) -> KonnectPage {
        var page = KonnectPage(limit: defaultLimit, offset: 0)
        if let text = request.query("limit") {
            guard let limit = decimal(text), (1...maximumLimit).contains(limit) else {
                throw .badRequest(
                    "'limit' must be an integer from 1 to \(maximumLimit), not '\(shortened(text))'",
                    param: "limit")
            }
            page.limit = limit
        }
        if let text = request.query("offset") {
            guard let offset = decimal(text) else {
                throw .badRequest(
                    "'offset' must be an integer of 0 or more, not '\(shortened(text))'", param: "offset")
            }
            page.offset = offset
        }
        return page
    }

    /// The value of a non-empty run of ASCII digits, saturating at `Int.max`; nil otherwise.
    static func decimal(_ text: String) -> Int? {
        guard !text.isEmpty else { return nil }
        var value = 0
        for byte in text.utf8 {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(byte - 0x30))
            if overflow1 || overflow2 { return Int.max }
            value = sum
        }
        return value
    }

    /// Echoes at most 40 characters of a bad value, so a hostile query does not bloat errors.
    private static func shortened(_ text: String) -> String {
        text.count <= 40 ? text : String(text.prefix(40)) + "…"
    }
}
