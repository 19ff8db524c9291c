import HTTPServer

/// The CID222 routes: `/sessions…`.
enum CID222Routes {
    static func register(into router: inout Router, environment: MockEnvironment) {}
}
