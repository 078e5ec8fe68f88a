// swift-tools-version:6.1
import PackageDescription

/// The README's "Use the Swift SDK" example as a package of its own: one dependency (the SDK, by path here; by URL in
/// a real project) and `import NXClient`. `make test` builds it and runs it against a server (SDKExampleTests).
let package = Package(
    name: "GettingStarted",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: "../.."),
    ],
    targets: [
        .executableTarget(name: "GettingStarted", dependencies: [.product(name: "NXClient", package: "Client")]),
    ]
)
