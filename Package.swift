// swift-tools-version: 6.0
// The Sessions API mock and conformance suite. It depends on the toolchain alone:
// Foundation, FoundationNetworking, Dispatch, Glibc, Synchronization, XCTest, Swift Testing.
import PackageDescription

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
        .target(
            name: "HTTPServer",
            dependencies: [.target(name: "CEpoll", condition: .when(platforms: [.linux]))]
        ),
        .target(name: "EventStream"),
        .target(name: "JSONSchema"),
        .target(name: "SessionsAPI", dependencies: ["JSONSchema"]),
        .target(
            name: "MockServer",
            dependencies: ["HTTPServer", "EventStream", "JSONSchema", "SessionsAPI"]
        ),
        .target(name: "Conformance", dependencies: ["HTTPServer", "EventStream", "JSONSchema", "SessionsAPI"]),
        // The command line lives in a library so its parser and help texts can be tested.
        .target(name: "SessionsCLI", dependencies: ["MockServer", "Conformance"]),
        .executableTarget(name: "sessions", dependencies: ["SessionsCLI"]),

        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "EventStream"]),
        .testTarget(name: "EventStreamTests", dependencies: ["EventStream"]),
        .testTarget(name: "JSONSchemaTests", dependencies: ["JSONSchema"]),
        .testTarget(name: "SessionsAPITests", dependencies: ["SessionsAPI"]),
        .testTarget(
            name: "MockServerTests",
            dependencies: ["MockServer", "HTTPServer", "EventStream", "JSONSchema", "SessionsAPI"]
        ),
        .testTarget(
            name: "ConformanceTests",
            dependencies: ["Conformance", "MockServer", "HTTPServer", "JSONSchema", "SessionsAPI"]
        ),
        .testTarget(name: "SessionsCLITests", dependencies: ["SessionsCLI"]),
        .testTarget(name: "SpecsTests", dependencies: ["JSONSchema", "SessionsAPI"]),
    ],
    swiftLanguageModes: [.v6]
)
