// swift-tools-version: 6.0
// The Sessions API mock and conformance suite. It depends on the toolchain alone:
// Foundation, FoundationNetworking, Dispatch, Glibc, Synchronization, XCTest, Swift Testing.
import PackageDescription

/// Checks every target builds with: imports must name each module whose members a file uses,
/// and existential types are spelled `any P`.
let strictChecks: [SwiftSetting] = [
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "sessions-mock",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sessions", targets: ["sessions"]),
        .library(name: "MockServer", targets: ["MockServer"]),
        .library(name: "Conformance", targets: ["Conformance"]),
        .library(name: "HTTPServer", targets: ["HTTPServer"]),
        .library(name: "EventStream", targets: ["EventStream"]),
        .library(name: "JSONSchema", targets: ["JSONSchema"]),
        .library(name: "SessionsAPI", targets: ["SessionsAPI"]),
    ],
    targets: [
        // sys/epoll.h and sys/eventfd.h, which Glibc does not export.
        .target(name: "CEpoll"),
        // The lock ThreadSanitizer can see (a pthread mutex), used instead of Synchronization.Mutex.
        .target(name: "Locking"),
        .target(
            name: "HTTPServer",
            dependencies: ["Locking", .target(name: "CEpoll", condition: .when(platforms: [.linux]))]
        ),
        .target(name: "EventStream"),
        .target(name: "JSONSchema"),
        .target(name: "SessionsAPI", dependencies: ["Locking"]),
        .target(
            name: "MockServer",
            dependencies: ["HTTPServer", "EventStream", "JSONSchema", "SessionsAPI", "Locking"]
        ),
        .target(
            name: "Conformance", dependencies: ["HTTPServer", "EventStream", "JSONSchema", "SessionsAPI"]),
        // The command line lives in a library so its parser and help texts can be tested.
        .target(
            name: "SessionsCLI",
            dependencies: ["Conformance", "HTTPServer", "JSONSchema", "MockServer", "SessionsAPI"]
        ),
        .executableTarget(name: "sessions", dependencies: ["SessionsCLI"]),

        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "Locking"]),
        .testTarget(name: "EventStreamTests", dependencies: ["EventStream"]),
        .testTarget(name: "JSONSchemaTests", dependencies: ["JSONSchema"]),
        .testTarget(name: "SessionsAPITests", dependencies: ["SessionsAPI"]),
        .testTarget(
            name: "MockServerTests",
            dependencies: ["MockServer", "HTTPServer", "EventStream", "JSONSchema", "SessionsAPI", "Locking"]
        ),
        .testTarget(
            name: "ConformanceTests",
            dependencies: [
                "Conformance", "EventStream", "HTTPServer", "JSONSchema", "MockServer", "SessionsAPI",
            ]
        ),
        .testTarget(
            name: "SessionsCLITests",
            dependencies: [
                "Conformance", "HTTPServer", "JSONSchema", "MockServer", "SessionsAPI", "SessionsCLI",
            ]
        ),
        .testTarget(name: "SpecsTests", dependencies: ["JSONSchema", "SessionsAPI"]),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + strictChecks
}
