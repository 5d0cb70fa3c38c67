/// A misbehaviour the OpenAI simulator can be told to show for a request.
public enum SimulatedFault: Sendable, Hashable {
    /// 429 with the documented error body and, when given, `Retry-After` in seconds.
    case rateLimited(retryAfterSeconds: Int?)
    /// 429 with `retry-after-ms` (OpenAI's millisecond header) instead.
    case rateLimitedMilliseconds(Int)
    /// A 5xx with the documented error body.
    case serverError(status: Int)
    /// Waits before answering normally (for client timeouts).
    case slow(seconds: Double)
    /// 200 with a body that is not JSON.
    case malformedJSON
    /// 200 with vectors one element shorter than asked for.
    case wrongDimensions
    /// 200 with one embedding missing.
    case missingItem
    /// 401 whose message echoes the API key the client sent (as careless servers do).
    case unauthorized
    /// 400 with the given message.
    case badRequest(message: String)
}

/// One request the simulator received.
public struct SimulatedRequest: Sendable {
    public var path: String
    public var authorization: String?
    public var contentType: String?
    /// Embeddings: the inputs; chat completions: the text parts; transcriptions: empty.
    public var inputs: [String]
    public var model: String?
    public var dimensions: Int?
    /// Transcriptions: the multipart fields other than the file; chat completions: `images`
    /// (how many pictures), `image_media_type`, `image_bytes`, `detail`, `max_tokens`.
    public var fields: [String: String]
    /// Transcriptions: seconds of audio in the uploaded WAV.
    public var audioSeconds: Double?
}
