// swift-tools-version:6.1
import PackageDescription

/// nx: a Nuxeo-compatible REST server generated from `Spec/`.
/// Dependencies run one way: NXSpec ← NXCodeGen ← nxgen (Yams and ArgumentParser only: no runtime, no generated code);
/// NXRuntime ← NXAPIRuntime, NXConformanceKit (runtimes need no generated module);
/// NXModel ← NXAPI ← NXServer → NXCore; NXHTTP ← NXConformanceKit ← NXConformance ← nxconform (runs the generated
/// scenarios against a server). NXRuntime, NXHTTP, NXModel and the SDK (NXClient) live in the Client package.

/// The SDK's modules (Client/, a package of its own that resolves no server package), shared with the server.
let nxRuntime: Target.Dependency = .product(name: "NXRuntime", package: "Client")
let nxHTTP: Target.Dependency = .product(name: "NXHTTP", package: "Client")
let nxClientRuntime: Target.Dependency = .product(name: "NXClientRuntime", package: "Client")
let nxModel: Target.Dependency = .product(name: "NXModel", package: "Client")
let nxClient: Target.Dependency = .product(name: "NXClient", package: "Client")

let package = Package(
    name: "nx",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "nxserver", targets: ["nxserver"]),
        .executable(name: "nxgen", targets: ["nxgen"]),
        .executable(name: "nxconform", targets: ["nxconform"]),
        .executable(name: "nxmigrate", targets: ["nxmigrate"]),
        .executable(name: "nx", targets: ["nx"]),
        // For the fuzz package (Fuzz/, `make fuzz`), which depends on this one by path; nothing else is built for them.
        .library(name: "NXCore", targets: ["NXCore"]),
        .library(name: "NXSchemas", targets: ["NXSchemas"]),
        .library(name: "NXSpec", targets: ["NXSpec"]),
        .library(name: "NXExpression", targets: ["NXExpression"]),
    ],
    dependencies: [
        // The Swift SDK (Client/): the model, the runtime and the HTTP transport the server shares with its clients.
        .package(path: "Client"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        // The PostgreSQL backend (`--database postgres://…`): connection pool and wire protocol.
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        // Digests of binaries (MD5 as Nuxeo, SHA-256); already in the graph through hummingbird-auth.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        // Background work of the server (fulltext extraction, batch expiry) as services; already in the graph through Hummingbird.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // Zip files (Blob.CreateZip, Blob.BulkDownload).
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        // JWT bearer tokens (HS512, as Nuxeo signs them).
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        // Metrics of /metrics (swift-metrics is already in the graph through Hummingbird), exported in Prometheus' format.
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // OpenTelemetry traces (nxserver --otel), exported over OTLP/HTTP only: the gRPC exporter's dependencies are not built.
        .package(url: "https://github.com/swift-otel/swift-otel.git", from: "1.6.0", traits: ["OTLPHTTP"]),
        // The tracing API swift-otel implements (already in the graph through Hummingbird).
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.1.0"),
        // Converters: subprocesses with a timeout and a process group (swift-subprocess); Markdown to HTML (Ink).
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
        .package(url: "https://github.com/JohnSundell/Ink.git", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.4.0"),
        // Tests only: NXCodeGenTests decodes and validates the generated OpenAPI document with it (nxgen does not link it).
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", from: "6.4.0"),
    ],
    targets: [
        // Generator: parse → validate → translate → render.
        .target(name: "NXExpression", path: "Sources/NXExpression"),
        .target(name: "NXSpec", dependencies: ["NXExpression", .product(name: "Yams", package: "Yams")], path: "Generator/NXSpec"),
        .target(name: "NXCodeGen", dependencies: ["NXSpec", .product(name: "Yams", package: "Yams")], path: "Generator/NXCodeGen"),
        .executableTarget(
            name: "nxgen",
            dependencies: ["NXCodeGen", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Generator/nxgen"),

        // Runtime support shared by generated code (hand-written).
        .target(
            name: "NXAPIRuntime",
            dependencies: [nxRuntime, .product(name: "Hummingbird", package: "hummingbird")],
            path: "Sources/NXAPIRuntime"),
        .target(
            name: "NXConformanceKit",
            dependencies: [nxRuntime, nxHTTP, .product(name: "Crypto", package: "swift-crypto")],
            path: "Sources/NXConformanceKit"),

        // Generated (never edited by hand).
        .target(
            name: "NXAPI",
            dependencies: [nxModel, "NXAPIRuntime", .product(name: "Hummingbird", package: "hummingbird")],
            path: "Generated/NXAPI"),
        .target(name: "NXConformance", dependencies: ["NXConformanceKit"], path: "Generated/NXConformance"),
        .target(name: "NXSchemas", dependencies: ["NXCore"], path: "Generated/NXSchemas"),

        // Core engine and server (hand-written).
        .target(
            name: "NXCore",
            dependencies: [
                nxRuntime, "NXExpression", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"), .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Subprocess", package: "swift-subprocess"), .product(name: "Ink", package: "Ink"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Sources/NXCore"),
        .target(
            name: "NXServer",
            dependencies: [
                "NXAPI", "NXCore", "NXSchemas", "NXExpression",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "Sources/NXServer"),
        .executableTarget(
            name: "nxserver",
            dependencies: [
                "NXServer", "NXCore", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "OTel", package: "swift-otel"), .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Sources/nxserver"),
        .executableTarget(
            name: "nxmigrate",
            dependencies: ["NXCore", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/nxmigrate"),
        .executableTarget(
            name: "nxconform",
            dependencies: [
                "NXConformance", "NXConformanceKit", nxHTTP, .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/nxconform"),

        // `nx`, the command-line client: built only on the SDK (nothing of the server's).
        .executableTarget(
            name: "nx", dependencies: [nxClient, .product(name: "ArgumentParser", package: "swift-argument-parser")], path: "Sources/nx"),

        .executableTarget(
            name: "nxbench",
            dependencies: [
                "NXCore", "NXSchemas", nxHTTP, nxRuntime, .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Sources/nxbench"),

        // Tests.
        .testTarget(name: "NXExpressionTests", dependencies: ["NXExpression"], path: "Tests/NXExpressionTests"),
        .testTarget(name: "NXSpecTests", dependencies: ["NXSpec"], path: "Tests/NXSpecTests", exclude: ["Fixtures"]),
        .testTarget(
            name: "NXCodeGenTests",
            dependencies: [
                "NXCodeGen", "NXSpec", .product(name: "OpenAPIKit", package: "OpenAPIKit"), .product(name: "Yams", package: "Yams"),
            ],
            path: "Tests/NXCodeGenTests", exclude: ["Golden"]),
        .testTarget(name: "NXCoreTests", dependencies: ["NXCore", "NXSchemas", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                    path: "Tests/NXCoreTests"),
        .testTarget(
            name: "NXServerTests",
            dependencies: [
                "NXServer", "NXCore", "NXAPI", nxModel, "NXAPIRuntime", nxRuntime, .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"), .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Tests/NXServerTests"),
        .testTarget(
            name: "ConformanceTests",
            dependencies: [
                "NXServer", "NXCore", "NXConformance", "NXConformanceKit", nxHTTP, nxRuntime, nxClient, nxClientRuntime, nxModel,
                "NXAPI", .product(name: "HummingbirdTesting", package: "hummingbird"),
                // Processes (nx, the SDK example, docc) run by the tests.
                .product(name: "Subprocess", package: "swift-subprocess"), .product(name: "SystemPackage", package: "swift-system"),
            ],
            path: "Tests/ConformanceTests"),
    ]
)
