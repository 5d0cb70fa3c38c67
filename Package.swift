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
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.3.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.4.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.25.0"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.0"),
        // Default traits off: no swift-configuration (Lore reads a small typed config itself).
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.20.0", traits: []),
        // Reading DOCX/PPTX (ZIP) with our own limits on entries, inflated sizes and paths.
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.19"),
    ],
    targets: [
        // MARK: Core (no I/O libraries)
        .target(
            name: "LoreCore",
            dependencies: [.product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        // Subprocesses with limits, accounts, locks: shared by the I/O targets.
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

        // MARK: Storage
        .target(
            name: "LoreDatabase",
            dependencies: [
                "LoreCore", "LoreSystem",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LoreBlobStore",
            dependencies: [
                "LoreCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_NIOFileSystem", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Media and inference
        // OpenBLAS's CBLAS (Debian libopenblas-dev) for the local models' matrix products.
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas"),
        // Tesseract 5 C API + Leptonica (Debian libtesseract-dev, libleptonica-dev) for OCR and image decoding.
        .systemLibrary(name: "CTesseract", path: "Sources/CTesseract", pkgConfig: "tesseract"),
        // Local models run in Swift and C: OCR (Tesseract), image decoding and hashes, speaker
        // embeddings and diarization (OpenBLAS), later text embeddings and Whisper.
        // whisper.cpp 1.8.5's C API, loaded with dlopen at run time from .tools/whisper (set-up
        // installs the library and the pinned headers there; see Sources/CWhisper/include).
        .target(
            name: "CWhisper",
            path: "Sources/CWhisper",
            cSettings: [.headerSearchPath("../../.tools/whisper/include")],
            linkerSettings: [.linkedLibrary("dl")]
        ),
        // Linear layers in bfloat16 (AVX-512 BF16) and int8 (AVX-512 VNNI) for query embeddings;
        // each checked for at run time. Optimised in every configuration, like LoreInference's
        // own kernels.
        .target(
            name: "CLinearKernels",
            path: "Sources/CLinearKernels",
            cSettings: [.unsafeFlags(["-O3"])]
        ),
        .target(
            name: "LoreInference",
            dependencies: [
                "LoreCore", "LoreSystem", "CTesseract", "CBLAS", "CWhisper", "CLinearKernels",
                .product(name: "Logging", package: "swift-log"),
            ],
            // The encoders' SIMD kernels are ~100× slower unoptimised, which would make debug
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
        // Media detection, validation and document parsing. OCR comes in through LoreCore's
        // `OCREngine` port (injected), so LoreMedia does not depend on LoreInference.
        .target(
            name: "LoreMedia",
            dependencies: [
                "LoreCore", "LoreSystem",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),

        .target(
            name: "LoreSearch",
            dependencies: [
                "LoreCore", "LoreDatabase",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        // MARK: Jobs
        // Durable job queue on PostgreSQL: workers, leases, retries, scheduler (docs/jobs.md).
        .target(
            name: "LoreJobs",
            dependencies: [
                "LoreCore", "LoreDatabase",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Use cases
        // libargon2 (Debian libargon2-dev) for password hashing.
        .systemLibrary(name: "CArgon2", path: "Sources/CArgon2"),
        .target(
            name: "LoreApp",
            dependencies: [
                "LoreCore", "LoreSystem", "LoreDatabase", "LoreBlobStore", "LoreSearch", "LoreJobs", "LoreMedia", "LoreInference",
                "LoreProviders", "CArgon2",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Edges
        .target(
            name: "LoreAPI",
            dependencies: [
                "LoreCore", "LoreApp", "LoreDatabase", "LoreSearch", "LoreJobs", "LoreMedia",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "lore",
            dependencies: [
                "LoreCore", "LoreSystem", "LoreDatabase", "LoreApp", "LoreAPI", "LoreJobs", "LoreMedia", "LoreInference", "LoreProviders",
                "LoreSearch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Tests
        .target(
            name: "LoreTestSupport",
            dependencies: [
                "LoreCore", "LoreSystem", "LoreDatabase", "LoreApp", "LoreAPI", "LoreBlobStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LoreCoreTests",
            dependencies: ["LoreCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LoreSystemTests",
            dependencies: ["LoreSystem", "LoreCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LoreInferenceTests",
            dependencies: ["LoreInference", "LoreMedia", "LoreCore", "LoreSystem", "LoreTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LoreProvidersTests",
            dependencies: ["LoreProviders", "LoreTestSupport", "LoreCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LoreMediaTests",
            dependencies: [
                "LoreMedia", "LoreCore", "LoreSystem", "LoreInference",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LoreAppTests",
            dependencies: ["LoreApp", "LoreCore", "LoreDatabase", "LoreProviders", "LoreTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LoreSearchTests",
            dependencies: ["LoreSearch", "LoreCore", "LoreDatabase", "LoreTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LoreDatabaseTests",
            dependencies: ["LoreDatabase", "LoreTestSupport", "LoreSystem", "LoreCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LoreJobsTests",
            dependencies: [
                "LoreJobs", "LoreTestSupport", "LoreDatabase", "LoreCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LoreAPITests",
            dependencies: [
                "LoreAPI", "LoreApp", "LoreTestSupport", "LoreDatabase", "LoreCore", "LoreJobs", "LoreSystem", "LoreInference",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
