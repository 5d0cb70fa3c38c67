import Foundation
import Testing
import LoreCore
@testable import LoreProviders
import LoreTestSupport

@Suite struct OpenAITranscriptionProviderTests {
    /// Tone bursts separated by silences: speech-like energy with quiet places to cut.
    private func audio(seconds: Double) -> AudioBuffer {
        let rate = AudioBuffer.speechSampleRate
        let samples = (0..<Int(seconds * Double(rate))).map { index -> Float in
            let time = Double(index) / Double(rate)
            let inBurst = time.truncatingRemainder(dividingBy: 2) < 1.5
            return inBurst ? Float(0.4 * sin(2 * Double.pi * 220 * time)) : 0
        }
        return AudioBuffer(samples: samples)
    }

    @Test func uploadsWAVAndMapsVerboseJSONSegments() async throws {
        try await OpenAISimulator.run(transcript: "one two three four five six") { simulator in
            let usage = ProviderUsageLog()
            let provider = try OpenAITranscriptionProvider(
                configuration: try configuration(for: simulator, sleeps: SleepRecorder()), usageRecorder: usage)
            let transcript = try await provider.transcribe(audio(seconds: 12), options: TranscriptionOptions(prompt: "Lore"))
            #expect(transcript.language == "en")
            #expect(abs(transcript.duration - 12) < 1e-9)
            #expect(transcript.text == "one two three four five six")
            #expect(transcript.segments.count == 3)
            #expect(transcript.segments.first?.start == 0)
            #expect(abs((transcript.segments.last?.end ?? 0) - 12) < 1e-6)
            #expect(transcript.source == .model("simulator:whisper-1"))
            let request = try #require(await simulator.requests.first)
            #expect(request.path == "/v1/audio/transcriptions")
            #expect(request.fields["model"] == "whisper-1")
            #expect(request.fields["response_format"] == "verbose_json")
            #expect(request.fields["timestamp_granularities[]"] == "segment")
            #expect(request.fields["prompt"] == "Lore")
            #expect(abs((request.audioSeconds ?? 0) - 12) < 1e-3)
            let entries = await usage.entries
            #expect(entries.count == 1)
            #expect(entries.first?.operation == .transcription)
            #expect(entries.first?.audioSeconds == 12)
        }
    }

    @Test func longAudioIsCutAtQuietPointsAndKeepsItsTimeline() async throws {
        try await OpenAISimulator.run(transcript: "alpha beta") { simulator in
            let provider = try OpenAITranscriptionProvider(
                configuration: try configuration(for: simulator, sleeps: SleepRecorder()), maxUploadSeconds: 5)
            let transcript = try await provider.transcribe(audio(seconds: 13), options: TranscriptionOptions(language: "de"))
            let requests = await simulator.requests
            #expect(requests.count == 3)
            #expect(requests.allSatisfy { ($0.audioSeconds ?? 99) <= 5 })
            #expect(abs(requests.compactMap(\.audioSeconds).reduce(0, +) - 13) < 1e-3)
            #expect(requests.allSatisfy { $0.fields["language"] == "de" })
            // Later pieces are prompted with the text before them.
            #expect(requests[1].fields["prompt"]?.contains("alpha beta") == true)
            #expect(transcript.language == "de")
            let starts = transcript.segments.map(\.start)
            #expect(starts == starts.sorted())
            #expect(transcript.segments.allSatisfy { $0.start >= 0 && $0.end <= 13 + 1e-6 && $0.end >= $0.start })
            #expect(abs((transcript.segments.last?.end ?? 0) - 13) < 1e-6)
        }
    }

    @Test func emptyAudioNeedsNoRequest() async throws {
        try await OpenAISimulator.run { simulator in
            let provider = try OpenAITranscriptionProvider(configuration: try configuration(for: simulator, sleeps: SleepRecorder()))
            let transcript = try await provider.transcribe(AudioBuffer(samples: []), options: TranscriptionOptions())
            #expect(transcript.segments.isEmpty)
            #expect(await simulator.requests.isEmpty)
        }
    }

    @Test func sharesRetriesAndRedactionWithTheEmbeddingsProvider() async throws {
        try await OpenAISimulator.run { simulator in
            let sleeps = SleepRecorder()
            let provider = try OpenAITranscriptionProvider(configuration: try configuration(for: simulator, sleeps: sleeps))
            await simulator.failNext(.serverError(status: 502), .rateLimited(retryAfterSeconds: 1))
            let transcript = try await provider.transcribe(audio(seconds: 2), options: TranscriptionOptions())
            #expect(!transcript.segments.isEmpty)
            #expect(await simulator.requests.count == 3)
            #expect(await sleeps.waits.last == .seconds(1))

            let secret = "sk-transcribe-secret-ABCDEFGHIJKLMNOP"
            let wrongKey = try OpenAITranscriptionProvider(configuration: try configuration(for: simulator, key: secret, sleeps: sleeps))
            let error = await expectError(code: .providerAuthenticationFailed) {
                _ = try await wrongKey.transcribe(audio(seconds: 1), options: TranscriptionOptions())
            }
            #expect(error != nil)
            #expect(error?.message.contains(secret) == false)
            #expect(error?.message.contains("ABCDEFGH") == false)
        }
    }

    @Test func malformedTranscriptionIsABadResponse() async throws {
        try await OpenAISimulator.run { simulator in
            let provider = try OpenAITranscriptionProvider(configuration: try configuration(for: simulator, sleeps: SleepRecorder()))
            await simulator.failNext(.malformedJSON)
            #expect(await expectError(code: .providerBadResponse) {
                _ = try await provider.transcribe(audio(seconds: 1), options: TranscriptionOptions())
            } != nil)
        }
    }
}
