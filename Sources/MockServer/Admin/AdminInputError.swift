/// Bad admin input (a body, a header, a fixtures file): which field, and what is wrong with
/// it. Answered as 400 by the admin routes.
public struct AdminInputError: Error, Equatable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
