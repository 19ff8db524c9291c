import HTTPServer

/// The CID222 routes: `/sessions…`.
enum CID222Routes {
    static func register(into router: inout Router, environment: MockEnvironment) {
        router.add("POST", "/sessions") { CID222SessionHandlers.create($0, environment: environment) }
        router.add("GET", "/sessions") { CID222SessionHandlers.list($0, environment: environment) }
        router.add("GET", "/sessions/:id") { CID222SessionHandlers.get($0, environment: environment) }
        router.add("DELETE", "/sessions/:id") { CID222SessionHandlers.delete($0, environment: environment) }
        router.add("POST", "/sessions/:id/messages") {
            await CID222MessageHandler.handle($0, environment: environment)
        }
    }
}
