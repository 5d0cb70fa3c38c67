import ArgumentParser
import Foundation
import LoreCore
import LoreInference
import LoreProviders

extension EmbeddingStrategy: ExpressibleByArgument {}

/// `lore embed`: prints the embedding of each text.
struct EmbedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Print the embedding of each TEXT.",
        discussion: """
        lightweight runs all-MiniLM-L6-v2 locally (384 dimensions; weights installed by \
        scripts/setup). standard (1536-d) and high_quality (3072-d) call an OpenAI-compatible \
        API configured by LORE_OPENAI_BASE_URL (default https://api.openai.com/v1), \
        LORE_OPENAI_API_KEY, LORE_OPENAI_ORGANIZATION, LORE_OPENAI_TIMEOUT_SECONDS, \
        LORE_EMBEDDING_STANDARD_MODEL (default text-embedding-3-small) and \
        LORE_EMBEDDING_HIGH_QUALITY_MODEL (default text-embedding-3-large).

        Without --json each text's vector is printed on one line, numbers separated by spaces. \
        With --json: {"model": …, "dims": …, "embedding": […]} for one text, "embeddings": [[…], …] for several.
        """
    )

    @Option(help: "Embedding strategy: lightweight, standard or high_quality.")
    var strategy: EmbeddingStrategy = .lightweight

    @Flag(help: "Print JSON.")
    var json = false

    @Option(help: "Threads of the local model (lightweight); default: the number of cores.")
    var threads: Int?

    @Argument(help: "Texts to embed; '-' reads one text from standard input (any bytes; invalid UTF-8 is replaced).")
    var texts: [String]

    func validate() throws {
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be between 1 and 256") }
        if texts.filter({ $0 == "-" }).count > 1 { throw ValidationError("'-' (standard input) can be given once") }
    }

    func run() async throws {
        let inputs = texts.map { $0 == "-" ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : $0 }
        let embedder = try makeEmbedder()
        let vectors = try await embedder.embed(inputs)
        if json {
            print(try EmbeddingOutput(model: embedder.model, vectors: vectors).json())
        } else {
            for vector in vectors { print(vector.map { "\($0)" }.joined(separator: " ")) }
        }
    }

    private func makeEmbedder() throws -> any Embedder {
        switch strategy {
        case .lightweight:
            return try MiniLMEmbedder(configuration: .init(threads: threads ?? MiniLMEmbedder.Configuration.defaultThreads))
        case .standard, .highQuality:
            guard let settings = try RemoteEmbeddingSettings.fromEnvironment() else {
                throw LoreError(.configuration, "the \(strategy.rawValue) strategy needs a provider: set LORE_OPENAI_API_KEY (and LORE_OPENAI_BASE_URL for a compatible server)")
            }
            return try settings.embedder(for: strategy)
        }
    }
}

/// The JSON `lore embed --json` prints, keys in reading order: model, dims, then the vector(s).
private struct EmbeddingOutput {
    var model: EmbeddingModel
    var vectors: [[Float]]

    func json() throws -> String {
        let encoder = JSONEncoder()
        func encoded<Value: Encodable>(_ value: Value) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        let head = "{\"model\":\(try encoded(model.name)),\"dims\":\(model.dimensions),"
        return vectors.count == 1
            ? head + "\"embedding\":\(try encoded(vectors[0]))}"
            : head + "\"embeddings\":\(try encoded(vectors))}"
    }
}
