import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// A local stand-in for the OpenAI API (`POST /v1/embeddings`, `POST /v1/audio/transcriptions`,
/// `POST /v1/chat/completions` with image input), and for Cohere's re-ranking format that
/// OpenAI-compatible servers such as LiteLLM and vLLM also serve (`POST /v1/rerank`), on
/// 127.0.0.1 with a random port, for testing the providers against real HTTP.
///
/// Responses have OpenAI's documented shapes; embeddings are deterministic unit vectors derived
/// from sha256 of the text; transcriptions spread a configurable text over segments covering
/// the uploaded WAV. Faults (429 with `Retry-After`, 5xx, slowness, malformed JSON, wrong
/// dimensions, 401…) can be queued for the next requests or made persistent.
public struct OpenAISimulator: Sendable {
    /// `http://127.0.0.1:PORT/v1`.
    public let baseURL: URL
    private let state: OpenAISimulatorState

    /// Starts a simulator, runs `body` with it, and stops it.
    /// - Parameter apiKey: the key clients must send as a bearer token; nil accepts any request.
    public static func run<Result: Sendable>(
        apiKey: String? = "sk-simulator-test-key-0123456789abcdef",
        transcript: String = "the quick brown fox jumps over the lazy dog while the meeting goes on",
        _ body: @Sendable (OpenAISimulator) async throws -> Result
    ) async throws -> Result {
        let state = OpenAISimulatorState(apiKey: apiKey, transcript: transcript)
        let router = Router()
        router.post("v1/embeddings") { request, _ in try await Self.embeddings(request, state: state) }
        router.post("v1/audio/transcriptions") { request, _ in try await Self.transcriptions(request, state: state) }
        router.post("v1/chat/completions") { request, _ in try await Self.chatCompletions(request, state: state) }
        router.post("v1/rerank") { request, _ in try await Self.rerank(request, state: state) }
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "lore.openai-simulator")
        logger.logLevel = .critical
        let application = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger)
        let services = ServiceGroup(configuration: .init(services: [application], gracefulShutdownSignals: [], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else {
                await services.triggerGracefulShutdown()
                throw SimulatorError.didNotStart
            }
            let simulator = OpenAISimulator(baseURL: URL(string: "http://127.0.0.1:\(port)/v1")!, state: state)
            let result: Swift.Result<Result, any Error>
            do {
                result = .success(try await body(simulator))
            } catch {
                result = .failure(error)
            }
            await services.triggerGracefulShutdown()
            try await group.waitForAll()
            return try result.get()
        }
    }

    public enum SimulatorError: Error { case didNotStart }

    /// The next requests get these faults, in order; later ones are served normally.
    public func failNext(_ faults: SimulatedFault...) async { await state.enqueue(faults) }

    /// Every request gets this fault until cleared with nil.
    public func failAlways(_ fault: SimulatedFault?) async { await state.setPersistent(fault) }

    /// The text transcriptions return.
    public func setTranscript(_ text: String) async { await state.setTranscript(text) }

    /// The text chat completions (picture descriptions) return.
    public func setDescription(_ text: String) async { await state.setDescription(text) }

    /// Every request received so far, in order.
    public var requests: [SimulatedRequest] { get async { await state.requests } }

    // MARK: Endpoints

    private struct EmbeddingRequest: Decodable {
        var model: String
        var input: Input
        var dimensions: Int?

        enum Input: Decodable {
            case one(String)
            case many([String])
            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let text = try? container.decode(String.self) { self = .one(text) } else { self = .many(try container.decode([String].self)) }
            }
            var texts: [String] {
                switch self {
                case .one(let text): return [text]
                case .many(let texts): return texts
                }
            }
        }
    }

    private static func embeddings(_ request: Request, state: OpenAISimulatorState) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 << 20)
        let parsed = try? JSONDecoder().decode(EmbeddingRequest.self, from: Data(body.readableBytesView))
        let received = SimulatedRequest(
            path: request.uri.path, authorization: request.headers[.authorization], contentType: request.headers[.contentType],
            inputs: parsed?.input.texts ?? [], model: parsed?.model, dimensions: parsed?.dimensions, fields: [:], audioSeconds: nil)
        let fault = await state.receive(received)
        if let refusal = await refusal(for: request, fault: fault, state: state) { return refusal }
        guard let parsed else { return error(400, "We could not parse the JSON body of your request.", type: "invalid_request_error") }
        let texts = parsed.input.texts
        if texts.isEmpty || texts.count > 2048 {
            return error(400, "'$.input' is invalid. Please check the API reference.", type: "invalid_request_error")
        }
        if texts.contains(where: \.isEmpty) {
            return error(400, "'$.input' is invalid. Please check the API reference.", type: "invalid_request_error")
        }
        var dimensions = parsed.dimensions ?? SimulatorVectors.defaultDimensions(of: parsed.model)
        if fault == .wrongDimensions { dimensions -= 1 }
        var items: [[String: Any]] = texts.enumerated().map { index, text in
            ["object": "embedding", "index": index,
             "embedding": SimulatorVectors.vector(for: text, model: parsed.model, dimensions: dimensions).map(Double.init)]
        }
        if fault == .missingItem { items.removeLast() }
        let tokens = texts.reduce(0) { $0 + SimulatorVectors.tokens(in: $1) }
        return json(200, ["object": "list", "data": items, "model": parsed.model,
                          "usage": ["prompt_tokens": tokens, "total_tokens": tokens]])
    }

    private static func transcriptions(_ request: Request, state: OpenAISimulatorState) async throws -> Response {
        let body = Array(try await request.body.collect(upTo: 64 << 20).readableBytesView)
        let contentType = request.headers[.contentType] ?? ""
        let parts = MultipartParser.boundary(fromContentType: contentType).flatMap { MultipartParser.parts(of: body, boundary: $0) }
        var fields: [String: String] = [:]
        var audio: [UInt8]?
        for part in parts ?? [] {
            if part.name == "file" { audio = part.body } else { fields[part.name] = String(decoding: part.body, as: UTF8.self) }
        }
        let seconds = audio.flatMap(wavSeconds)
        let received = SimulatedRequest(
            path: request.uri.path, authorization: request.headers[.authorization], contentType: contentType,
            inputs: [], model: fields["model"], dimensions: nil, fields: fields, audioSeconds: seconds)
        let fault = await state.receive(received)
        if let refusal = await refusal(for: request, fault: fault, state: state) { return refusal }
        guard parts != nil, let seconds, fields["model"] != nil else {
            return error(400, "Invalid file format or missing model.", type: "invalid_request_error")
        }
        let words = await state.transcript.split(separator: " ").map(String.init)
        let text = " " + words.joined(separator: " ")
        guard fields["response_format"] == "verbose_json" else { return json(200, ["text": text]) }
        // Segments of at most 5 s, each with an equal share of the words.
        let count = max(1, Int((seconds / 5).rounded(.up)))
        let segments: [[String: Any]] = (0..<count).map { index in
            let first = words.count * index / count, last = words.count * (index + 1) / count
            return ["id": index, "seek": 0, "start": seconds * Double(index) / Double(count),
                    "end": seconds * Double(index + 1) / Double(count),
                    "text": " " + words[first..<last].joined(separator: " "), "tokens": [Int](),
                    "temperature": 0.0, "avg_logprob": -0.25, "compression_ratio": 1.3, "no_speech_prob": 0.01]
        }
        let languages = ["en": "english", "de": "german", "fr": "french", "es": "spanish"]
        let language = fields["language"].map { languages[$0] ?? $0 } ?? "english"
        return json(200, ["task": "transcribe", "language": language, "duration": seconds, "text": text,
                          "segments": segments, "usage": ["type": "duration", "seconds": Int(seconds.rounded(.up))]])
    }

    /// Cohere's re-ranking format (which LiteLLM, vLLM and Jina follow): a document's relevance
    /// is the share of the query's distinct words it contains, so tests can predict the order;
    /// results come sorted by relevance, as Cohere sends them. `missingItem` drops the last one.
    private static func rerank(_ request: Request, state: OpenAISimulatorState) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 << 20)
        let parsed = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any]
        let documents = parsed?["documents"] as? [String]
        var fields: [String: String] = [:]
        fields["query"] = parsed?["query"] as? String
        fields["top_n"] = (parsed?["top_n"] as? Int).map(String.init)
        let received = SimulatedRequest(
            path: request.uri.path, authorization: request.headers[.authorization], contentType: request.headers[.contentType],
            inputs: documents ?? [], model: parsed?["model"] as? String, dimensions: nil, fields: fields, audioSeconds: nil)
        let fault = await state.receive(received)
        if let refusal = await refusal(for: request, fault: fault, state: state) { return refusal }
        guard let query = parsed?["query"] as? String, parsed?["model"] is String, let documents, !documents.isEmpty else {
            return error(400, "invalid request: query, model and a non-empty documents list are required", type: "invalid_request_error")
        }
        func words(_ text: String) -> Set<String> { Set(text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)) }
        let queryWords = words(query)
        var results: [[String: Any]] = documents.enumerated().map { index, document in
            let shared = queryWords.intersection(words(document)).count
            return ["index": index, "relevance_score": queryWords.isEmpty ? 0 : Double(shared) / Double(queryWords.count)]
        }
        results.sort { ($0["relevance_score"] as! Double, -($0["index"] as! Int)) > ($1["relevance_score"] as! Double, -($1["index"] as! Int)) }
        if let topN = parsed?["top_n"] as? Int, topN > 0 { results = Array(results.prefix(topN)) }
        if fault == .missingItem { results.removeLast() }
        return json(200, ["id": UUID().uuidString.lowercased(), "results": results,
                          "meta": ["billed_units": ["search_units": 1]]])
    }

    /// A chat completion answering a user message of text and `image_url` parts (base64 `data:`
    /// URLs only: the simulator fetches nothing) with the configured description.
    private static func chatCompletions(_ request: Request, state: OpenAISimulatorState) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 << 20)
        let parsed = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any]
        let parts = ((parsed?["messages"] as? [[String: Any]]) ?? []).flatMap { $0["content"] as? [[String: Any]] ?? [] }
        let texts = parts.compactMap { $0["type"] as? String == "text" ? $0["text"] as? String : nil }
        let images = parts.compactMap { $0["type"] as? String == "image_url" ? $0["image_url"] as? [String: Any] : nil }
        var fields = ["images": String(images.count)]
        fields["max_tokens"] = (parsed?["max_tokens"] as? Int).map(String.init)
        var decoded: [UInt8]?
        if let image = images.first, let url = image["url"] as? String, url.hasPrefix("data:"),
           let comma = url.firstIndex(of: ","), url[..<comma].hasSuffix(";base64") {
            fields["image_media_type"] = String(url[url.index(url.startIndex, offsetBy: 5)..<comma].dropLast(";base64".count))
            decoded = Data(base64Encoded: String(url[url.index(after: comma)...])).map { [UInt8]($0) }
            fields["image_bytes"] = decoded.map { String($0.count) }
            fields["detail"] = image["detail"] as? String
        }
        let received = SimulatedRequest(
            path: request.uri.path, authorization: request.headers[.authorization], contentType: request.headers[.contentType],
            inputs: texts, model: parsed?["model"] as? String, dimensions: nil, fields: fields, audioSeconds: nil)
        let fault = await state.receive(received)
        if let refusal = await refusal(for: request, fault: fault, state: state) { return refusal }
        guard let model = parsed?["model"] as? String, !texts.isEmpty || !images.isEmpty else {
            return error(400, "'messages' must contain at least one message with content.", type: "invalid_request_error")
        }
        guard images.isEmpty || (decoded?.isEmpty == false) else {
            return error(400, "Invalid image: expected a base64-encoded data URL.", type: "invalid_request_error", code: "invalid_image_url")
        }
        let description = await state.description
        let completionTokens = SimulatorVectors.tokens(in: description)
        let promptTokens = texts.reduce(0) { $0 + SimulatorVectors.tokens(in: $1) } + 85 * images.count
        return json(200, [
            "id": "chatcmpl-simulated", "object": "chat.completion", "created": Int(Date().timeIntervalSince1970), "model": model,
            "choices": [["index": 0, "message": ["role": "assistant", "content": description], "finish_reason": "stop"]],
            "usage": ["prompt_tokens": promptTokens, "completion_tokens": completionTokens, "total_tokens": promptTokens + completionTokens],
        ])
    }

    // MARK: Faults and helpers

    /// The answer for an unauthenticated request or an injected fault, or nil to answer normally.
    private static func refusal(for request: Request, fault: SimulatedFault?, state: OpenAISimulatorState) async -> Response? {
        let authorization = request.headers[.authorization]
        if let key = state.apiKey, authorization != "Bearer \(key)" || fault == .unauthorized {
            let sent = authorization.map { String($0.dropFirst("Bearer ".count)) } ?? ""
            return error(401, "Incorrect API key provided: \(sent). You can find your API key at https://platform.openai.com/account/api-keys.",
                         type: "invalid_request_error", code: "invalid_api_key")
        }
        switch fault {
        case .none, .wrongDimensions, .missingItem, .unauthorized:
            return nil
        case .rateLimited(let seconds):
            var response = error(429, "Rate limit reached for requests. Please try again later.", type: "requests", code: "rate_limit_exceeded")
            if let seconds { response.headers[HTTPField.Name("retry-after")!] = String(seconds) }
            return response
        case .rateLimitedMilliseconds(let milliseconds):
            var response = error(429, "Rate limit reached for requests.", type: "requests", code: "rate_limit_exceeded")
            response.headers[HTTPField.Name("retry-after-ms")!] = String(milliseconds)
            return response
        case .serverError(let status):
            return error(status, "The server had an error while processing your request. Sorry about that!", type: "server_error")
        case .slow(let seconds):
            try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            return nil
        case .malformedJSON:
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: "{\"object\": \"list\", \"data\": [{\"embedding\": [0.1, ")))
        case .badRequest(let message):
            return error(400, message, type: "invalid_request_error")
        }
    }

    private static func error(_ status: Int, _ message: String, type: String, code: String? = nil) -> Response {
        json(status, ["error": ["message": message, "type": type, "param": NSNull(), "code": code.map { $0 as Any } ?? NSNull()]])
    }

    private static func json(_ status: Int, _ object: [String: Any]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data("{}".utf8)
        return Response(status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Duration of a 16-bit PCM WAV from its header.
    private static func wavSeconds(_ bytes: [UInt8]) -> Double? {
        guard bytes.count >= 44, bytes.starts(with: Array("RIFF".utf8)), bytes[8..<12].elementsEqual(Array("WAVE".utf8)) else { return nil }
        func word(_ offset: Int, _ size: Int) -> Int { (0..<size).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) } }
        let channels = word(22, 2), rate = word(24, 4), bits = word(34, 2)
        var offset = 12
        while offset + 8 <= bytes.count {
            let size = word(offset + 4, 4)
            if bytes[offset..<(offset + 4)].elementsEqual(Array("data".utf8)) {
                guard rate > 0, channels > 0, bits > 0 else { return nil }
                return Double(min(size, bytes.count - offset - 8)) / Double(rate * channels * bits / 8)
            }
            offset += 8 + size
        }
        return nil
    }
}
