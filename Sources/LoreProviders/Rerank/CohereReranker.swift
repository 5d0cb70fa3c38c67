import AsyncHTTPClient
import Foundation
import LoreCore

/// Relevance scores from a Cohere-compatible `POST {base}/rerank` endpoint (Cohere's own
/// `https://api.cohere.com/v2`, and the servers that follow its format: LiteLLM, vLLM, Jina,
/// Text Embeddings Inference…).
///
/// Sends `{model, query, documents, top_n, return_documents: false}` and reads
/// `results: [{index, relevance_score}]`, which come sorted by relevance: each score goes back
/// to its document's position. Every document must get exactly one finite score. Failures are
/// `LoreError`s with `provider_*` codes (retries, timeouts and redaction as for every provider).
public struct CohereReranker: Reranker {
    /// Documents per request at most (Cohere's documented limit is 1,000).
    public static let maxDocuments = 1_000

    public let model: String
    private let client: ProviderHTTPClient

    public var name: String { "\(client.configuration.providerName):\(model)" }

    public init(configuration: OpenAICompatibleConfiguration, model: String, httpClient: HTTPClient = .shared) throws {
        guard !model.isEmpty else { throw LoreError(.configuration, "re-ranking model name is empty") }
        self.model = model
        self.client = ProviderHTTPClient(configuration: configuration, httpClient: httpClient)
    }

    private struct RequestBody: Encodable {
        var model: String
        var query: String
        var documents: [String]
        var top_n: Int
        var return_documents = false
    }

    private struct ResponseBody: Decodable {
        struct Result: Decodable {
            var index: Int
            var relevance_score: Double
        }
        var results: [Result]
    }

    public func rerank(query: String, documents: [String]) async throws -> [Double] {
        guard !documents.isEmpty else { return [] }
        guard documents.count <= Self.maxDocuments else {
            throw LoreError(.invalidArgument, "at most \(Self.maxDocuments) documents can be re-ranked at once, not \(documents.count)")
        }
        let body = RequestBody(model: model, query: query, documents: documents, top_n: documents.count)
        let bytes = try await client.send(ProviderRequest(
            path: "rerank", contentType: "application/json", body: Array(try JSONEncoder().encode(body)), operation: "rerank"))
        let response: ResponseBody
        do {
            response = try JSONDecoder().decode(ResponseBody.self, from: Data(bytes))
        } catch {
            throw badResponse("the response is not a valid list of results")
        }
        guard response.results.count == documents.count else {
            throw badResponse("\(response.results.count) scores for \(documents.count) documents")
        }
        var scores = [Double?](repeating: nil, count: documents.count)
        for result in response.results {
            guard scores.indices.contains(result.index), scores[result.index] == nil else {
                throw badResponse("result index \(result.index) is out of range or repeated")
            }
            guard result.relevance_score.isFinite else { throw badResponse("the score of document \(result.index) is not finite") }
            scores[result.index] = result.relevance_score
        }
        return scores.map { $0! }
    }

    private func badResponse(_ reason: String) -> LoreError {
        LoreError(.providerBadResponse,
                  "\(client.configuration.providerName) re-ranking at \(client.configuration.displayURL) (model \(model)): \(reason)")
    }
}
