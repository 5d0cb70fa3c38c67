// swift-tools-version:6.2
import PackageDescription

// Shared compiler settings: Swift 6 language mode (strict concurrency) everywhere.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "lore",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "lore", targets: ["lore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.3.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.20.0", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
    ],
    targets: [
        // MARK: Core (no I/O libraries)
        .target(
            name: "LoreCore",
            dependencies: [.product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        // Subprocesses with limits, users, file-system helpers shared by the I/O targets.
        .target(
            name: "LoreSystem",
            dependencies: [
                "LoreCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Media and inference
        // OpenBLAS's CBLAS (Debian libopenblas-dev) for the local models' matrix products.
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas"),
        .target(
            name: "LoreMedia",
            dependencies: ["LoreCore", "LoreSystem"],
            swiftSettings: swiftSettings
        ),
        // Local models: safetensors, WordPiece, the BERT encoder (all-MiniLM-L6-v2) on OpenBLAS.
        .target(
            name: "LoreInference",
            dependencies: [
                "LoreCore", "LoreSystem", "CBLAS",
                .product(name: "Logging", package: "swift-log"),
            ],
            // The encoder's SIMD kernels are ~100× slower unoptimised, which would make debug
            // builds (and the test suite) unusable; this target is optimised in every configuration.
            swiftSettings: swiftSettings + [.unsafeFlags(["-O"])]
        ),

        // Remote AI back-ends over HTTP (OpenAI-compatible embeddings and transcription).
        .target(
            name: "LoreProviders",
            dependencies: [
                "LoreCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Edges
        .executableTarget(
            name: "lore",
            dependencies: [
                "LoreCore", "LoreSystem", "LoreInference", "LoreProviders",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Tests
        // Fixtures and local simulators of external services, for the test targets.
        .target(
            name: "LoreTestSupport",
            dependencies: [
                "LoreCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LoreCoreTests",
            dependencies: ["LoreCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LoreMediaTests",
            dependencies: ["LoreMedia", "LoreCore", "LoreSystem"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LoreInferenceTests",
            dependencies: ["LoreInference", "LoreCore", "LoreSystem", "LoreTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LoreProvidersTests",
            dependencies: ["LoreProviders", "LoreTestSupport", "LoreCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LoreSystemTests",
            dependencies: ["LoreSystem", "LoreCore"],
            swiftSettings: swiftSettings
        ),
    ]
)
