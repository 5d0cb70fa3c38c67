import AsyncHTTPClient
import Foundation
import LoreCore

/// Describes pictures with a vision-capable chat model through an OpenAI-compatible
/// `POST {base}/chat/completions`: one user message holding the prompt and the picture as a
/// `data:` URL (`image_url` content part, `detail: low` — a frame or photo for a search index
/// needs no tiles), sharing retries, timeouts and error handling with the other providers.
/// Token usage goes to the usage recorder (operation `vision`) for cost accounting.
public struct OpenAIVisionDescriber: VisionDescriber {
    public let modelName: String
    /// Upper bound on the description's length (`max_tokens`).
    public let maxTokens: Int
    private let client: ProviderHTTPClient
    private let usageRecorder: (any ProviderUsageRecorder)?

    public init(configuration: OpenAICompatibleConfiguration, model: String, maxTokens: Int = 120,
                usageRecorder: (any ProviderUsageRecorder)? = nil, httpClient: HTTPClient = .shared) throws {
        guard !model.isEmpty else { throw LoreError(.configuration, "vision model name is empty") }
        guard (1...4096).contains(maxTokens) else { throw LoreError(.configuration, "maxTokens must be between 1 and 4096") }
        self.modelName = model
        self.maxTokens = maxTokens
        self.client = ProviderHTTPClient(configuration: configuration, httpClient: httpClient)
        self.usageRecorder = usageRecorder
    }

    public func describe(image: EncodedImage, prompt: String) async throws -> String {
        guard let mediaType = Self.mediaType(of: image.bytes) else {
            throw LoreError(.invalidArgument, "vision descriptions take JPEG, PNG, GIF or WebP pictures")
        }
        let picture = "data:\(mediaType);base64,\(Data(image.bytes).base64EncodedString())"
        let request = ChatRequest(model: modelName, max_tokens: maxTokens, messages: [
            .init(role: "user", content: [.init(type: "text", text: prompt, image_url: nil),
                                          .init(type: "image_url", text: nil, image_url: .init(url: picture, detail: "low"))]),
        ])
        let bytes = try await client.send(ProviderRequest(
            path: "chat/completions", contentType: "application/json", body: Array(try JSONEncoder().encode(request)),
            operation: "vision description"))
        guard let response = try? JSONDecoder().decode(ChatResponse.self, from: Data(bytes)) else {
            throw badResponse("the response is not a chat completion")
        }
        guard let text = response.choices.first?.message.content?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
            throw badResponse("the chat completion has no text")
        }
        if let usageRecorder {
            await usageRecorder.record(ProviderUsage(
                provider: client.configuration.providerName, model: modelName, operation: .vision,
                attribution: UsageAttribution.organization, inputCount: 1,
                promptTokens: response.usage?.prompt_tokens ?? 0, totalTokens: response.usage?.total_tokens ?? 0))
        }
        return text
    }

    /// The picture formats OpenAI's vision input accepts, from their magic numbers.
    static func mediaType(of bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "image/png" }
        if bytes.starts(with: Array("GIF8".utf8)) { return "image/gif" }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), bytes[8..<12].elementsEqual(Array("WEBP".utf8)) { return "image/webp" }
        return nil
    }

    private func badResponse(_ reason: String) -> LoreError {
        LoreError(.providerBadResponse,
                  "\(client.configuration.providerName) vision at \(client.configuration.displayURL) (model \(modelName)): \(reason)")
    }

    // Wire format (snake_case as the API spells it).
    struct ChatRequest: Encodable {
        struct Message: Encodable {
            let role: String
            let content: [Part]
        }
        struct Part: Encodable {
            struct ImageURL: Encodable {
                let url: String
                let detail: String
            }
            let type: String
            let text: String?
            let image_url: ImageURL?
        }
        let model: String
        let max_tokens: Int
        let messages: [Message]
    }

    struct ChatResponse: Decodable {
        struct Choice: Decodable {
            struct Message: Decodable { let content: String? }
            let message: Message
        }
        struct Usage: Decodable {
            let prompt_tokens: Int?
            let total_tokens: Int?
        }
        let choices: [Choice]
        let usage: Usage?
    }
}
