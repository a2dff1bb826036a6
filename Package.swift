// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Tickmark",
    platforms: [.macOS(.v15)],
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
        .target(
            name: "Tickmark",
            dependencies: ["CCmarkGFM", "COpenSSL", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "CTickmarkSystem",
            cSettings: [.define("_GNU_SOURCE")],
            linkerSettings: [.linkedLibrary("ssl"), .linkedLibrary("crypto")]
        ),
        .target(name: "TickmarkProbes", dependencies: ["Tickmark", "COpenSSL", "CTickmarkSystem"]),
        .target(
            name: "TickmarkReport",
            dependencies: ["Tickmark", "TickmarkProbes", "COpenSSL", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .target(
            name: "TickmarkCLI",
            dependencies: [
                "Tickmark", "TickmarkProbes", "TickmarkReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "tickmark", dependencies: ["TickmarkCLI"]),
        .testTarget(name: "TickmarkTests", dependencies: ["Tickmark"]),
        .testTarget(name: "TickmarkProbesTests", dependencies: ["TickmarkProbes"]),
        .testTarget(name: "TickmarkReportTests", dependencies: ["Tickmark", "TickmarkProbes", "TickmarkReport"], exclude: ["Golden"]),
        .testTarget(name: "TickmarkCLITests", dependencies: ["Tickmark", "TickmarkReport", "TickmarkCLI"]),
    ],
    swiftLanguageModes: [.v6]
)
