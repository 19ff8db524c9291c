/// Bad admin input (a body, a header, a fixtures file): which field, and what is wrong with
/// it. Answered as 400 by the admin routes, or with `status` (507 for a full store).
public struct AdminInputError: Error, Equatable, CustomStringConvertible {
    public var field: String
    public var message: String
    public var status: Int

    public init(status: Int = 400, field: String, _ message: String) {
        self.field = field
        self.message = message
        self.status = status
    }

    public var description: String { "\(field): \(message)" }
}
