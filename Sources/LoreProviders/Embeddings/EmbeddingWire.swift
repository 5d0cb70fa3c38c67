/// Request and response bodies of `POST /embeddings`.
struct EmbeddingRequestBody: Encodable {
    var model: String
    var input: [String]
    var dimensions: Int?
    var encoding_format = "float"
}

struct EmbeddingResponseBody: Decodable {
    struct Item: Decodable {
        var index: Int
        var embedding: [Float]
    }

    struct Usage: Decodable {
        var prompt_tokens: Int?
        var total_tokens: Int?
    }

    var data: [Item]
    var model: String?
    var usage: Usage?
}
