import AsyncHTTPClient
import Foundation
import LoreCore

/// Embeddings from an OpenAI-compatible `POST {base}/embeddings` endpoint
/// (`text-embedding-3-small` for the `standard` strategy, `-large` for `high_quality`).
///
/// Texts go in requests of at most 100 inputs, one after the other; each response is checked
/// (one vector per input, every index once, exactly `dimensions` finite values) and the vectors
/// are L2-normalised, as `Embedder` promises. Token usage of every request goes to the
/// `ProviderUsageRecorder`. Failures are `LoreError`s with `provider_*` codes and never
/// contain the API key.
public struct OpenAIEmbeddingProvider: Embedder {
    public static let maxInputsPerRequest = 100

    public let model: EmbeddingModel
    /// Whether requests carry `dimensions` (text-embedding-3 models accept it; older ones do not).
    public let sendsDimensions: Bool
    private let client: ProviderHTTPClient
    private let usageRecorder: (any ProviderUsageRecorder)?

    public init(
        configuration: OpenAICompatibleConfiguration, model: String, dimensions: Int, sendsDimensions: Bool = true,
        usageRecorder: (any ProviderUsageRecorder)? = nil, httpClient: HTTPClient = .shared
    ) throws {
        guard !model.isEmpty else { throw LoreError(.configuration, "embedding model name is empty") }
        guard dimensions > 0 else { throw LoreError(.configuration, "embedding dimensions must be positive") }
        self.model = EmbeddingModel(name: model, dimensions: dimensions)
        self.sendsDimensions = sendsDimensions
        self.client = ProviderHTTPClient(configuration: configuration, httpClient: httpClient)
        self.usageRecorder = usageRecorder
    }

    /// Empty (or whitespace-only) texts are rejected before anything is sent: OpenAI-compatible
    /// APIs refuse them, and a silent placeholder vector would pollute search.
    public func embed(_ texts: [String]) async throws -> [[Float]] {
        if let blank = texts.firstIndex(where: { $0.allSatisfy(\.isWhitespace) }) {
            throw LoreError(.invalidArgument, "text \(blank) is empty: remote embedding models cannot embed empty text",
                            details: ["index": String(blank)])
        }
        var vectors: [[Float]] = []
        vectors.reserveCapacity(texts.count)
        for start in stride(from: 0, to: texts.count, by: Self.maxInputsPerRequest) {
            let batch = Array(texts[start..<min(texts.count, start + Self.maxInputsPerRequest)])
            vectors.append(contentsOf: try await embedBatch(batch))
        }
        return vectors
    }

    private func embedBatch(_ texts: [String]) async throws -> [[Float]] {
        let body = EmbeddingRequestBody(model: model.name, input: texts, dimensions: sendsDimensions ? model.dimensions : nil)
        let bytes = try await client.send(ProviderRequest(
            path: "embeddings", contentType: "application/json", body: Array(try JSONEncoder().encode(body)),
            operation: "embeddings"))
        let response: EmbeddingResponseBody
        do {
            response = try JSONDecoder().decode(EmbeddingResponseBody.self, from: Data(bytes))
        } catch {
            throw badResponse("the response is not a valid embeddings list")
        }
        let vectors = try orderedVectors(response.data, count: texts.count)
        if let usageRecorder {
            let prompt = response.usage?.prompt_tokens ?? 0
            await usageRecorder.record(ProviderUsage(
                provider: client.configuration.providerName, model: model.name, operation: .embedding,
                attribution: UsageAttribution.organization, inputCount: texts.count,
                promptTokens: prompt, totalTokens: response.usage?.total_tokens ?? prompt))
        }
        return vectors
    }

    /// Places each item at its `index`, checking that every input got exactly one valid vector.
    private func orderedVectors(_ items: [EmbeddingResponseBody.Item], count: Int) throws -> [[Float]] {
        guard items.count == count else {
            throw badResponse("\(items.count) embeddings for \(count) inputs")
        }
        var ordered = [[Float]?](repeating: nil, count: count)
        for item in items {
            guard ordered.indices.contains(item.index), ordered[item.index] == nil else {
                throw badResponse("embedding index \(item.index) is out of range or repeated")
            }
            guard item.embedding.count == model.dimensions else {
                throw badResponse("embedding \(item.index) has \(item.embedding.count) dimensions, expected \(model.dimensions)")
            }
            let squares = item.embedding.reduce(0.0) { $0 + Double($1) * Double($1) }
            guard squares.isFinite, squares > 0 else {
                throw badResponse("embedding \(item.index) is zero or not finite")
            }
            let inverse = Float(1 / squares.squareRoot())
            ordered[item.index] = item.embedding.map { $0 * inverse }
        }
        return ordered.map { $0! }
    }

    private func badResponse(_ reason: String) -> LoreError {
        LoreError(.providerBadResponse,
                  "\(client.configuration.providerName) embeddings at \(client.configuration.displayURL) (model \(model.name)): \(reason)")
    }
}
