// swift-tools-version:6.1
import PackageDescription

/// libFuzzer targets for nx's input parsers, built only by `make fuzz` (with `-sanitize=fuzzer,address`), so the root
/// package's `swift build` and `swift test` never see them. Each target is an executable whose `main.swift` hands its
/// test function to `LLVMFuzzerRunDriver` (libFuzzer from the toolchain). Seeds live in `Corpus/<target>/`.
let package = Package(
    name: "nx-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "nx", path: ".."),
        .package(path: "../Client"),
        // The version nx resolves; the NXQL target runs compiled SQL through GRDB itself (uncached statements).
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
    ],
    targets: [
        .target(name: "CLibFuzzer"),
        .executableTarget(
            name: "FuzzNXQL",
            dependencies: [
                "CLibFuzzer",
                .product(name: "NXCore", package: "nx"), .product(name: "NXSchemas", package: "nx"),
                .product(name: "NXRuntime", package: "Client"), .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .executableTarget(name: "FuzzJSON", dependencies: ["CLibFuzzer", .product(name: "NXRuntime", package: "Client")]),
        .executableTarget(name: "FuzzPercentEncoding", dependencies: ["CLibFuzzer", .product(name: "NXRuntime", package: "Client")]),
        .executableTarget(name: "FuzzSpec", dependencies: ["CLibFuzzer", .product(name: "NXSpec", package: "nx")]),
    ]
)
