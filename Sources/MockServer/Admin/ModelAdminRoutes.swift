import HTTPServer

/// `GET /__admin/models`: the CID222 model table the mock serves, the profile unknown names
/// get and whether they are refused, in the format `sessions serve --models` reads.
enum ModelAdminRoutes {
    static func register(into router: inout Router, environment: MockEnvironment) {
        let answer = ModelFile.json(environment.options.models)
        router.add("GET", "/__admin/models") { _ in
            AdminResponse.json(200, answer)
        }
    }
}
