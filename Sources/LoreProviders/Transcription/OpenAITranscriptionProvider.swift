import AsyncHTTPClient
import Foundation
import LoreCore

/// Speech to text through an OpenAI-compatible `POST {base}/audio/transcriptions`
/// (`whisper-1` or a compatible server), sharing retries, timeouts and error handling with
/// the embeddings provider.
///
/// The audio is uploaded as 16-bit WAV in `multipart/form-data` with
/// `response_format=verbose_json` and segment timestamps. Audio longer than
/// `maxUploadSeconds` is cut at quiet points into several requests; their segments are shifted
/// back onto the original timeline and each later request is prompted with the end of the
/// previous text for continuity.
public struct OpenAITranscriptionProvider: Transcriber {
    public let modelName: String
    /// Longest audio sent in one request (10 minutes ≈ 19 MB of 16 kHz WAV, under OpenAI's 25 MB).
    public let maxUploadSeconds: Double
    private let client: ProviderHTTPClient
    private let usageRecorder: (any ProviderUsageRecorder)?

    public init(
        configuration: OpenAICompatibleConfiguration, model: String = "whisper-1", maxUploadSeconds: Double = 600,
        usageRecorder: (any ProviderUsageRecorder)? = nil, httpClient: HTTPClient = .shared
    ) throws {
        guard !model.isEmpty else { throw LoreError(.configuration, "transcription model name is empty") }
        guard maxUploadSeconds >= 1 else { throw LoreError(.configuration, "maxUploadSeconds must be at least 1") }
        self.modelName = model
        self.maxUploadSeconds = maxUploadSeconds
        self.client = ProviderHTTPClient(configuration: configuration, httpClient: httpClient)
        self.usageRecorder = usageRecorder
    }

    /// Empty audio gives an empty transcript without a request.
    public func transcribe(_ audio: AudioBuffer, options: TranscriptionOptions) async throws -> Transcript {
        guard audio.sampleRate > 0 else {
            throw LoreError(.invalidArgument, "audio sample rate must be positive, got \(audio.sampleRate)")
        }
        let source = TranscriptSource.model("\(client.configuration.providerName):\(modelName)")
        guard !audio.samples.isEmpty else {
            return Transcript(language: options.language, duration: 0, segments: [], source: source)
        }
        let pieces = AudioSplitter.pieces(of: audio.samples, sampleRate: audio.sampleRate,
                                          maxSamples: Int(maxUploadSeconds * Double(audio.sampleRate)))
        var segments: [TranscriptSegment] = []
        var language = options.language
        var previousText = ""
        for piece in pieces {
            let offset = Double(piece.lowerBound) / Double(audio.sampleRate)
            let prompt = [options.prompt, previousText.isEmpty ? nil : String(previousText.suffix(200))]
                .compactMap { $0 }.joined(separator: " ")
            let response = try await transcribePiece(audio.samples[piece], sampleRate: audio.sampleRate,
                                                     language: options.language, prompt: prompt)
            language = language ?? WhisperLanguages.code(for: response.language)
            let pieceDuration = Double(piece.count) / Double(audio.sampleRate)
            let pieceSegments = response.segments ?? []
            if pieceSegments.isEmpty, let text = response.text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
                // Servers without segment timestamps: one segment for the whole piece.
                segments.append(TranscriptSegment(start: offset, end: offset + pieceDuration, text: text))
            }
            for segment in pieceSegments {
                let text = segment.text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !text.isEmpty, segment.start.isFinite, segment.end.isFinite else { continue }
                let start = offset + min(max(segment.start, 0), pieceDuration)
                let end = offset + min(max(segment.end, segment.start, 0), pieceDuration)
                segments.append(TranscriptSegment(start: start, end: max(start, end), text: text))
            }
            previousText = response.text ?? pieceSegments.map(\.text).joined()
        }
        return Transcript(language: language, duration: audio.duration, segments: segments, source: source)
    }

    private func transcribePiece(_ samples: ArraySlice<Float>, sampleRate: Int, language: String?, prompt: String) async throws -> TranscriptionResponseBody {
        var form = MultipartFormData()
        form.addFile("file", filename: "audio.wav", contentType: "audio/wav", data: WAVEncoder.encode(samples, sampleRate: sampleRate))
        form.addField("model", modelName)
        form.addField("response_format", "verbose_json")
        form.addField("timestamp_granularities[]", "segment")
        if let language { form.addField("language", language) }
        if !prompt.isEmpty { form.addField("prompt", prompt) }
        let bytes = try await client.send(ProviderRequest(
            path: "audio/transcriptions", contentType: form.contentType, body: form.finished(), operation: "transcription"))
        let response: TranscriptionResponseBody
        do {
            response = try JSONDecoder().decode(TranscriptionResponseBody.self, from: Data(bytes))
        } catch {
            throw LoreError(.providerBadResponse,
                            "\(client.configuration.providerName) transcription at \(client.configuration.displayURL) (model \(modelName)): the response is not valid verbose_json")
        }
        if let usageRecorder {
            let seconds = Double(samples.count) / Double(sampleRate)
            let tokens = response.usage?.total_tokens ?? ((response.usage?.input_tokens ?? 0) + (response.usage?.output_tokens ?? 0))
            await usageRecorder.record(ProviderUsage(
                provider: client.configuration.providerName, model: modelName, operation: .transcription,
                attribution: UsageAttribution.organization, inputCount: 1,
                promptTokens: response.usage?.input_tokens ?? 0, totalTokens: tokens,
                audioSeconds: response.usage?.seconds ?? seconds))
        }
        return response
    }
}
