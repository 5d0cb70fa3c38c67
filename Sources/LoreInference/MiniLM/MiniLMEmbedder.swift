import CBLAS
import Foundation
import LoreCore
import Logging

/// all-MiniLM-L6-v2 sentence embeddings (384-d, unit length), computed natively with OpenBLAS.
///
/// Loading validates every file and the weights' sha256 (errors name the file), so a damaged
/// installation fails at start-up, not at the first query. `embed` can be called from any
/// number of tasks at once: requests queue for one dedicated inference thread (plus its
/// `threads - 1` helpers), which batches them together.
///
/// Documents are always embedded in float32, the reference model's numbers. Search queries use
/// `Configuration.queryPrecision`, by default the fastest the CPU runs: int8 products with
/// AVX-512 VNNI, else bfloat16 with AVX-512 BF16, which cut a query's model time at a cosine of
/// ~0.997 or ~0.9999 to the float32 vector, else float32 on Lore's AVX2 panel kernel
/// (`docs/embeddings.md`).
public final class MiniLMEmbedder: Embedder, Sendable {
    public static let modelName = "all-MiniLM-L6-v2"

    public struct Configuration: Sendable {
        /// Threads one forward pass uses (the inference thread included).
        public var threads: Int
        /// Most tokens packed into one forward pass; bounds the scratch memory (~16 KB a token).
        public var maxTokensPerPass: Int
        /// Collect per-stage timings (see `profile`); costs two clock reads per parallel piece.
        public var profile: Bool
        /// Precision of `embedQuery`; `.bfloat16` and `.int8` need CPU extensions (`EncoderPrecision.requirement`).
        public var queryPrecision: EncoderPrecision
        /// Threads of a pass made only of search queries (at most `threads`); nil in `init`:
        /// `defaultQueryThreads`.
        public var queryThreads: Int

        public init(threads: Int = Configuration.defaultThreads, maxTokensPerPass: Int = 4096, profile: Bool = false,
                    queryPrecision: EncoderPrecision = .fastest, queryThreads: Int? = nil) {
            self.threads = threads
            self.maxTokensPerPass = maxTokensPerPass
            self.profile = profile
            self.queryPrecision = queryPrecision
            self.queryThreads = queryThreads ?? Self.defaultQueryThreads(for: queryPrecision, threads: threads)
        }

        public static var defaultThreads: Int { min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 8) }

        /// One with the int8 or bfloat16 kernels: a query pass is short, and on a server busy with
        /// searches a second thread's share cost more CPU in synchronisation than it saved. Two in
        /// float32 (either kernel), whose one-thread passes made every search wait in line while a core idled
        /// (2 cores without AVX-512: 45 → 50 searches/s, p50 41 → 29 ms; `docs/embeddings.md`).
        public static func defaultQueryThreads(for precision: EncoderPrecision, threads: Int) -> Int {
            precision.isFloat32 ? min(2, max(threads, 1)) : 1
        }
    }

    public let model: EmbeddingModel
    public let tokenizer: BertTokenizer
    public let configuration: Configuration
    public let files: MiniLMModelFiles
    private let worker: EmbeddingWorker

    /// Loads the copy that `scripts/setup` installed in the tools folder.
    public convenience init(configuration: Configuration = Configuration(), logger: Logger? = nil) throws {
        try self.init(files: MiniLMModelFiles.installed(), configuration: configuration, logger: logger)
    }

    public init(files: MiniLMModelFiles, configuration: Configuration = Configuration(), logger: Logger? = nil) throws {
        guard configuration.threads >= 1, configuration.threads <= 256 else {
            throw LoreError(.configuration, "embedding threads must be between 1 and 256, got \(configuration.threads)")
        }
        guard configuration.queryThreads >= 1, configuration.queryThreads <= configuration.threads else {
            throw LoreError(.configuration, "query threads must be between 1 and the \(configuration.threads) threads, got \(configuration.queryThreads)")
        }
        guard configuration.maxTokensPerPass >= 1 else {
            throw LoreError(.configuration, "maxTokensPerPass must be positive, got \(configuration.maxTokensPerPass)")
        }
        guard configuration.queryPrecision.isAvailable else {
            throw LoreError(.configuration, "\(configuration.queryPrecision.rawValue) query embeddings need \(configuration.queryPrecision.requirement), which this one lacks; use float32")
        }
        let started = ContinuousClock.now
        let bertConfiguration = try BertConfiguration(contentsOf: files.configuration)
        let maxLength = try files.maxSequenceLength()
        guard maxLength <= bertConfiguration.maxPositions else {
            throw LoreError(.modelCorrupt, "\(files.sentenceConfiguration.path): max_seq_length \(maxLength) exceeds the model's \(bertConfiguration.maxPositions) positions")
        }
        let vocabulary = try Self.loadVocabulary(files)
        guard vocabulary.count == bertConfiguration.vocabularySize else {
            throw LoreError(.modelCorrupt, "\(files.vocabulary.path): \(vocabulary.count) tokens, the model expects \(bertConfiguration.vocabularySize)")
        }
        let weightsFile = try SafetensorsFile(url: files.weights)
        if let expected = files.weightsSHA256 {
            try WeightsChecksum.verify(weightsFile.fileBytes, of: files.weights, expected: expected)
        }
        let weights = try BertWeights(file: weightsFile, configuration: bertConfiguration,
                                      packedFor: configuration.queryPrecision)

        // The encoder parallelises itself and calls sgemm from several threads at once, each
        // call single-threaded; OpenBLAS's own pool would oversubscribe the cores.
        openblas_set_num_threads(1)
        let team = ComputeTeam(size: configuration.threads)
        let encoder = BertEncoder(weights: weights, team: team, maxSequenceLength: maxLength,
                                  workspaceLimit: max(configuration.maxTokensPerPass, maxLength), profile: configuration.profile)

        self.files = files
        self.configuration = configuration
        self.tokenizer = BertTokenizer(vocabulary: vocabulary, maxLength: maxLength)
        self.model = EmbeddingModel(name: Self.modelName, dimensions: bertConfiguration.hiddenSize)
        self.worker = EmbeddingWorker(encoder: encoder, tokenBudget: configuration.maxTokensPerPass, queryThreads: configuration.queryThreads)
        let elapsed = (ContinuousClock.now - started).components
        let milliseconds = elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000
        logger?.info("loaded \(Self.modelName)", metadata: [
            "lore.model.dir": "\(files.directory.path)",
            "lore.model.threads": "\(configuration.threads)",
            "lore.model.query_precision": "\(configuration.queryPrecision.rawValue)",
            "lore.model.query_threads": "\(configuration.queryThreads)",
            "lore.model.load_ms": "\(milliseconds)",
        ])
    }

    deinit {
        worker.stop()
    }

    /// One unit vector of 384 floats per text, in order. Any string is accepted: empty or
    /// whitespace-only text embeds as `[CLS] [SEP]`, long text is truncated to the model's 256
    /// tokens, characters the model does not know become `[UNK]`.
    public func embed(_ texts: [String]) async throws -> [[Float]] {
        try await embed(texts, precision: .float32)
    }

    /// A search query's vector, in `Configuration.queryPrecision`.
    /// Queries go ahead of queued documents (`EmbeddingWorker`).
    public func embedQuery(_ text: String) async throws -> [Float] {
        try await embed([text], precision: configuration.queryPrecision, urgent: true)[0]
    }

    /// `embed` in a given precision: `.float32`, or the configured `queryPrecision`; `urgent`
    /// texts are embedded before queued ones that are not.
    public func embed(_ texts: [String], precision: EncoderPrecision, urgent: Bool = false) async throws -> [[Float]] {
        guard precision == .float32 || precision == configuration.queryPrecision else {
            throw LoreError(.configuration, "this embedder was loaded for \(configuration.queryPrecision.rawValue) queries, not \(precision.rawValue)")
        }
        guard !texts.isEmpty else { return [] }
        return try await worker.embed(texts.map(tokenizer.encode), precision: precision, urgent: urgent)
    }

    /// Time per encoder stage since creation or the last `resetProfile()`; empty unless
    /// `Configuration.profile` is on.
    public var profile: EncoderProfile { worker.profile }

    public func resetProfile() { worker.resetProfile() }

    /// Embeds already tokenized sequences (as `tokenizer.encode` makes them).
    public func embed(tokenized sequences: [[Int32]]) async throws -> [[Float]] {
        for sequence in sequences {
            guard !sequence.isEmpty, sequence.count <= tokenizer.maxLength,
                  sequence.allSatisfy({ $0 >= 0 && Int($0) < tokenizer.vocabulary.count }) else {
                throw LoreError(.invalidArgument, "token sequences must hold 1…\(tokenizer.maxLength) ids below \(tokenizer.vocabulary.count)")
            }
        }
        return try await worker.embed(sequences)
    }

    private static func loadVocabulary(_ files: MiniLMModelFiles) throws -> WordPieceVocabulary {
        if let expected = files.vocabularySHA256 {
            guard let data = try? Data(contentsOf: files.vocabulary) else {
                throw LoreError(.modelMissing, "\(files.vocabulary.path): cannot read the vocabulary")
            }
            let actual = data.withUnsafeBytes { WeightsChecksum.sha256($0) }
            guard actual == expected.lowercased() else {
                throw LoreError(.modelChecksumMismatch, "\(files.vocabulary.path): sha256 is \(actual), expected \(expected)")
            }
        }
        return try WordPieceVocabulary(contentsOf: files.vocabulary)
    }
}
