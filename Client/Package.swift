// swift-tools-version:6.1
import PackageDescription

/// The nx Swift SDK: a client of the Nuxeo Platform REST API, generated from the spec (`Spec/`) by nxgen.
///
/// A client team adds this one package and writes `import NXClient`, which re-exports every type a caller names
/// (entities, `DocumentRef`, `JSONValue`, `NXClientError`, transports). Its graph holds only what a client needs:
/// AsyncHTTPClient (SwiftNIO, swift-log) for HTTP, and swift-docc-plugin for `swift package generate-documentation`.
/// The server package (`..`) depends on this one for the shared model; nothing here depends on the server.
///
/// Layout: `Sources/` is hand-written (JSON and runtime support, the transport, the client core, the DocC catalog),
/// except `Sources/NXClient/Generated/` (the resource-grouped API and the typed operations); `Generated/NXModel` holds
/// the entities. Both are written by `make generate` and never edited by hand.
let package = Package(
    name: "NXClient",
    platforms: [.macOS(.v14)],
    products: [
        /// The SDK: `import NXClient`.
        .library(name: "NXClient", targets: ["NXClient"]),
        // The modules it is made of, for the server package, which shares the model and the runtime.
        .library(name: "NXModel", targets: ["NXModel"]),
        .library(name: "NXRuntime", targets: ["NXRuntime"]),
        .library(name: "NXHTTP", targets: ["NXHTTP"]),
        .library(name: "NXClientRuntime", targets: ["NXClientRuntime"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin.git", from: "1.5.0"),
    ],
    targets: [
        // Hand-written.
        .target(name: "NXRuntime", path: "Sources/NXRuntime"),
        .target(
            name: "NXHTTP",
            dependencies: ["NXRuntime", .product(name: "AsyncHTTPClient", package: "async-http-client")],
            path: "Sources/NXHTTP"),
        .target(name: "NXClientRuntime", dependencies: ["NXRuntime", "NXHTTP"], path: "Sources/NXClientRuntime"),
        // Generated (never edited by hand).
        .target(name: "NXModel", dependencies: ["NXRuntime"], path: "Generated/NXModel"),
        // The SDK: generated resources and operations in Sources/NXClient/Generated, hand-written helpers and the DocC
        // catalog beside them.
        .target(name: "NXClient", dependencies: ["NXModel", "NXRuntime", "NXHTTP", "NXClientRuntime"], path: "Sources/NXClient"),
    ]
)
