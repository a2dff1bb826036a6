// swift-tools-version:6.0
import PackageDescription

// Tickmark builds and is tested on Linux (Debian and Ubuntu, x86_64 and arm64) only: its C shims
// use Linux process, socket and signal calls, and its C libraries come from Debian packages
// (`scripts/setup.sh`). No Apple platform is declared because none is built or tested.
let package = Package(
    name: "Tickmark",
    products: [
        .executable(name: "tickmark", targets: ["tickmark"]),
        .library(name: "Tickmark", targets: ["Tickmark"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libssl",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(
            name: "Tickmark",
            dependencies: ["CCmarkGFM", "COpenSSL", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "CTickmarkSystem",
            cSettings: [.define("_GNU_SOURCE")],
            linkerSettings: [.linkedLibrary("ssl"), .linkedLibrary("crypto")]
        ),
        // libcurl is loaded with dlopen by the first HTTP request (see CONTRIBUTING.md): its
        // headers are needed to build, the library only to send HTTP requests.
        .target(name: "CTickmarkCurl", cSettings: [.define("_GNU_SOURCE")]),
        .target(name: "TickmarkProbes", dependencies: ["Tickmark", "COpenSSL", "CTickmarkSystem", "CTickmarkCurl"]),
        .target(name: "TickmarkSigning", dependencies: ["Tickmark", "COpenSSL"]),
        .target(
            name: "TickmarkReport",
            dependencies: ["Tickmark", "TickmarkProbes", "TickmarkSigning", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .target(name: "TickmarkLedger", dependencies: ["Tickmark", "TickmarkProbes", "TickmarkReport", "TickmarkSigning", "CSQLite"]),
        .target(
            name: "TickmarkCLI",
            dependencies: [
                "Tickmark", "TickmarkProbes", "TickmarkReport", "TickmarkSigning", "TickmarkLedger",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "tickmark", dependencies: ["TickmarkCLI"]),
        .testTarget(name: "TickmarkTests", dependencies: ["Tickmark", "TickmarkTestSupport"], exclude: ["Conformance/Fixtures"]),
        .testTarget(name: "TickmarkProbesTests", dependencies: ["TickmarkProbes", "TickmarkTestSupport"]),
        .testTarget(name: "TickmarkReportTests", dependencies: ["Tickmark", "TickmarkProbes", "TickmarkReport", "TickmarkSigning", "TickmarkTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "TickmarkSigningTests", dependencies: ["Tickmark", "TickmarkSigning", "TickmarkTestSupport"], exclude: ["Vectors"]),
        .target(name: "TickmarkTestSupport", dependencies: ["Tickmark", "TickmarkSigning"], path: "Tests/TickmarkTestSupport"),
        .testTarget(name: "TickmarkLedgerTests", dependencies: ["Tickmark", "TickmarkProbes", "TickmarkReport", "TickmarkSigning", "TickmarkLedger", "TickmarkTestSupport"]),
        .testTarget(name: "TickmarkCLITests", dependencies: ["Tickmark", "TickmarkReport", "TickmarkCLI", "TickmarkTestSupport", .product(name: "Yams", package: "Yams")]),
    ],
    swiftLanguageModes: [.v6]
)
