/// One deliberate defect the independent server can be started with, so that a mutation
/// test can show the checker notices it. `none` is the correct server. Every defect is in
/// the Konnect half, where the checker's list and auth requirements live.
enum IndependentBreakage: CaseIterable, Sendable {
    case none
    /// `total` counts only the sessions on the page returned.
    case totalCountsPage
    /// `has_more` is true even on the last page.
    case hasMoreTrueAtEnd
    /// A deleted session is gone by id but still shows in the list.
    case deletedStillListed
    /// `message_count` counts the user's messages only.
    case messageCountUserOnly
    /// PATCH changes the title but leaves `updated_at` where it was.
    case patchKeepsUpdatedAt
    /// Any well-formed bearer key is accepted, configured or not.
    case anyBearerAccepted
    /// A `limit` above 100 is honoured instead of being clamped.
    case limitAbove100Honoured

    /// The requirement a `check --api konnect` must report as failed for this defect.
    var expectedFailure: String? {
        switch self {
        case .none: return nil
        case .totalCountsPage: return "KON-LIST-TOTAL"
        case .hasMoreTrueAtEnd: return "KON-LIST-HAS-MORE"
        case .deletedStillListed: return "KON-DELETE-UNLISTED"
        case .messageCountUserOnly: return "KON-LIST-MESSAGE-COUNT"
        case .patchKeepsUpdatedAt: return "KON-PATCH-UPDATED-AT"
        case .anyBearerAccepted: return "KON-AUTH-UNKNOWN-REFUSED"
        case .limitAbove100Honoured: return "KON-LIST-MAX-LIMIT"
        }
    }
}
