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
        // whisper.cpp 1.8.5's C API, loaded with dlopen at run time from .tools/whisper (set-up
        // installs the library and the pinned headers there; see Sources/CWhisper/include).
        .target(
            name: "CWhisper",
            path: "Sources/CWhisper",
            cSettings: [.headerSearchPath("../../.tools/whisper/include")],
            linkerSettings: [.linkedLibrary("dl")]
        ),
        // Local models: Whisper speech-to-text (and the other engines behind LoreCore's ports).
        .target(
            name: "LoreInference",
            dependencies: [
                "LoreCore", "LoreSystem", "CWhisper",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Edges
        .executableTarget(
            name: "lore",
            dependencies: [
                "LoreCore", "LoreSystem", "LoreMedia", "LoreInference",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Tests
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
            dependencies: ["LoreInference", "LoreMedia", "LoreCore", "LoreSystem"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LoreSystemTests",
            dependencies: ["LoreSystem", "LoreCore"],
            swiftSettings: swiftSettings
        ),
    ]
)
