// swift-tools-version:6.2
// imapbench: an IMAP load generator and benchmarking tool.
// Dependencies point one way: CLI -> ServerTools -> Driver -> (IMAPClient, Workload, Measurement) -> IMAPProtocol;
// ServerTools (probes, calibration, populate) also uses IMAPServer, and the Driver never does.
// Measurement and Reporting never import NIO.
import PackageDescription

let release: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization", "-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "imapbench",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "imapbench", targets: ["imapbench"]),
        .library(name: "IMAPProtocol", targets: ["IMAPProtocol"]),
        .library(name: "IMAPClient", targets: ["IMAPClient"]),
        .library(name: "IMAPServer", targets: ["IMAPServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", exact: "0.2.0"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    ],
    targets: [
        // MARK: Core, no I/O
        .target(name: "IMAPProtocol", swiftSettings: release),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),

        // MARK: Networking
        .target(
            name: "IMAPClient",
            dependencies: [
                "IMAPProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: release
        ),
        .target(
            name: "PreciseTiming",
            dependencies: [.product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: release
        ),
        .target(
            name: "IMAPServer",
            dependencies: [
                "IMAPProtocol", "PreciseTiming",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
            ],
            exclude: ["README.md"],
            swiftSettings: release
        ),

        // MARK: Workload and measurement, no networking
        .target(
            name: "Workload",
            dependencies: ["IMAPProtocol", "Measurement", .product(name: "Yams", package: "Yams")],
            resources: [.copy("BuiltinProfiles")],
            swiftSettings: release
        ),
        .target(
            name: "Measurement",
            dependencies: ["CZlib", .product(name: "Histogram", package: "hdrhistogram-swift")],
            swiftSettings: release
        ),
        .target(name: "Reporting", dependencies: ["Measurement"], swiftSettings: release),
        .target(name: "Consistency", dependencies: ["IMAPProtocol", "IMAPClient", "Measurement"], swiftSettings: release),

        // MARK: Driver and command line
        .target(
            name: "Driver",
            dependencies: [
                "IMAPProtocol", "IMAPClient", "PreciseTiming", "Workload", "Measurement", "Consistency",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: release
        ),
        // probes, delay calibration and populate: tools pointed at a server, beside the run
        .target(
            name: "ServerTools",
            dependencies: [
                "Driver", "IMAPProtocol", "IMAPClient", "IMAPServer", "Workload", "Measurement",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: release
        ),
        .target(
            name: "IMAPBenchCLI",
            dependencies: [
                "Driver", "ServerTools", "Reporting", "Workload", "Measurement", "IMAPServer", "IMAPClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            swiftSettings: release
        ),
        .executableTarget(name: "imapbench", dependencies: ["IMAPBenchCLI"], swiftSettings: release),

        // MARK: Benchmarks and fuzzing (ordinary executables)
        .executableTarget(name: "IMAPParserBenchmark", dependencies: ["IMAPProtocol"], path: "Benchmarks/IMAPParserBenchmark", swiftSettings: release),
        .executableTarget(name: "IMAPParserFuzzer", dependencies: ["IMAPProtocol"], path: "Fuzz/IMAPParserFuzzer"),

        // MARK: Tests mirror the source folders
        .testTarget(name: "IMAPProtocolTests", dependencies: ["IMAPProtocol"], resources: [.copy("Fixtures")]),
        .testTarget(name: "IMAPClientTests", dependencies: [
            "IMAPClient", "IMAPProtocol",
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOEmbedded", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        .testTarget(name: "IMAPServerTests", dependencies: [
            "IMAPServer", "IMAPClient", "IMAPProtocol",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .testTarget(name: "WorkloadTests", dependencies: ["Workload"]),
        .testTarget(name: "ConsistencyTests", dependencies: ["Consistency", "IMAPClient", "IMAPProtocol", "Measurement"]),
        // helpers more than one test target needs (the Python cross-check runner)
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "MeasurementTests", dependencies: ["Measurement", "TestSupport"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "Measurement", "TestSupport"]),
        .testTarget(name: "DriverTests", dependencies: [
            "Driver", "IMAPServer", "IMAPClient", "IMAPProtocol", "Workload", "Measurement",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .testTarget(name: "ServerToolsTests", dependencies: [
            "ServerTools", "Driver", "IMAPServer", "IMAPClient", "IMAPProtocol", "Workload", "Measurement",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .testTarget(name: "IMAPBenchCLITests", dependencies: [
            "IMAPBenchCLI", "Driver", "ServerTools", "Reporting", "Measurement",
        ]),
    ]
)
