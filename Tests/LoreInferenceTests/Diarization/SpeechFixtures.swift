import Foundation
import LoreCore
import LoreMedia
import LoreSystem
import LoreInference

/// Speech made at test time with espeak-ng and decoded with the real ffmpeg, so the tests need
/// no recordings in the repository.
///
/// The voices are ones the GE2E model itself tells apart clearly (centroid cosine distance
/// ≥ 0.28 between each pair); some espeak variants that sound different to people are close for
/// it (`en-us+m3` and `en-gb+f4`: 0.10), which would test the voices rather than the diarizer.
enum SpeechFixtures {
    static let voiceA = "en-gb-x-rp+m7"
    static let voiceB = "en+f5"
    static let voiceC = "en-us+klatt"

    static let lines = [
        "Good morning, thanks for joining the call about the new warehouse project.",
        "Happy to be here. I read the proposal last night and I have a few questions.",
        "Sure, let us start with the budget, since that is what everyone asks about first.",
        "The budget looks fine to me, but the timeline seems very optimistic for winter.",
        "We added two extra weeks for weather delays, and the contractor agreed to that.",
        "Great, then I only need the final drawings before we sign the contract on Friday.",
    ]

    /// A scratch folder removed by the caller.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lore-diar-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `text` spoken by espeak-ng `voice`, as 16 kHz mono.
    static func speak(_ text: String, voice: String, in folder: URL) async throws -> AudioBuffer {
        let file = folder.appendingPathComponent("\(UUID().uuidString).wav").path
        let result = try await ProcessRunner.run("espeak-ng", ["-v", voice, "-w", file, text])
        guard result.succeeded else { throw LoreError(.internalError, "espeak-ng failed: \(result.standardError)") }
        return try await AudioDecoder().decode(fileAt: file)
    }

    /// Lines spoken in turn by `voices`, 0.7 s of silence after each, and the true turns.
    static func conversation(voices: [String], lines: [String] = lines, pause: Double = 0.7) async throws -> (audio: AudioBuffer, reference: [SpeakerTurn]) {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var samples: [Float] = []
        var reference: [SpeakerTurn] = []
        let rate = Double(AudioBuffer.speechSampleRate)
        for (index, line) in lines.enumerated() {
            let voice = voices[index % voices.count]
            let speech = try await speak(line, voice: voice, in: folder)
            let start = Double(samples.count) / rate
            samples += speech.samples
            reference.append(SpeakerTurn(start: start, end: Double(samples.count) / rate, speaker: voice))
            samples += [Float](repeating: 0, count: Int(pause * rate))
        }
        return (AudioBuffer(samples: samples), reference)
    }

    /// Writes 16 kHz mono samples as a WAV file with ffmpeg, applying `filters` (e.g. resampling,
    /// channel layout) so decoders see real 8 kHz or 6-channel files.
    static func writeAudio(_ audio: AudioBuffer, to path: String, outputOptions: [String]) async throws {
        let bytes = audio.samples.withUnsafeBufferPointer { Array(UnsafeRawBufferPointer($0)) }
        let result = try await ProcessRunner.run("ffmpeg", [
            "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
            "-f", "f32le", "-ar", String(audio.sampleRate), "-ac", "1", "-i", "pipe:0",
        ] + outputOptions + [path], input: bytes)
        guard result.succeeded else { throw LoreError(.internalError, "ffmpeg failed: \(result.standardError)") }
    }
}

/// Fixtures shared by the tests of one run (espeak-ng and ffmpeg take a moment each).
enum SharedFixtures {
    static let twoVoices = Task { try await SpeechFixtures.conversation(voices: [SpeechFixtures.voiceA, SpeechFixtures.voiceB]) }
    static let diarizer = Task { try GE2EDiarizer.installed() }
}
