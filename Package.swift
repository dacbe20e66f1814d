// swift-tools-version:6.0
// The folder tree is the architecture (docs/architecture.md): C modules at the bottom, one thin
// Swift wrapper per C library, then transport, storage clients, and the CLI on top.
import PackageDescription

let package = Package(
    name: "s3play",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "s3play", targets: ["s3play"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // C libraries, found with pkg-config; each shim.h holds what Swift cannot import.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl",
                       providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CNcurses", pkgConfig: "ncursesw",
                       providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CMPG123", pkgConfig: "libmpg123",
                       providers: [.apt(["libmpg123-dev"])]),
        .systemLibrary(name: "CALSA", pkgConfig: "alsa",
                       providers: [.apt(["libasound2-dev"])]),

        // Thin Swift wrappers: the only modules that import the C modules.
        .target(name: "Curl", dependencies: ["CCurl"]),

        // HTTP transport shared by S3 and Discogs.
        .target(name: "HTTPTransport", dependencies: ["Curl"]),

        // Amazon S3 / S3-compatible storage client: SigV4, configuration, ListObjectsV2, ranged GET.
        .target(name: "S3", dependencies: [
            "HTTPTransport",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),

        // The command line.
        .executableTarget(name: "s3play", dependencies: [
            "S3",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/CLI"),

        // Test support: fault-injecting and latency-adding TCP proxies, SeaweedFS fixture access.
        .target(name: "TestSupport", dependencies: [], path: "Tests/Support/TestSupport"),
        .executableTarget(name: "s3play-testproxy", dependencies: ["TestSupport"],
                          path: "Tests/Support/TestProxyTool"),

        .testTarget(name: "CLibraryTests", dependencies: ["CCurl", "CNcurses", "CMPG123", "CALSA"]),
        .testTarget(name: "HTTPTransportTests", dependencies: ["HTTPTransport", "TestSupport"]),
        .testTarget(name: "S3Tests", dependencies: ["S3"]),
        .testTarget(name: "S3IntegrationTests", dependencies: ["S3", "TestSupport"]),
        .testTarget(name: "TestSupportTests", dependencies: ["TestSupport"]),
    ]
)
