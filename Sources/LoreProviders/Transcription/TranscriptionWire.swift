/// The `verbose_json` answer of `POST /audio/transcriptions`.
struct TranscriptionResponseBody: Decodable {
    struct Segment: Decodable {
        var start: Double
        var end: Double
        var text: String
    }

    /// `{"type": "duration", "seconds": …}` (whisper-1) or token counts (newer models).
    struct Usage: Decodable {
        var seconds: Double?
        var input_tokens: Int?
        var output_tokens: Int?
        var total_tokens: Int?
    }

    var language: String?
    var duration: Double?
    var text: String?
    var segments: [Segment]?
    var usage: Usage?
}
