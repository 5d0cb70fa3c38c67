import Foundation
import LoreCore
import LoreInference
import LoreMedia
import LoreSystem

/// Speech and media made at test time with espeak-ng and ffmpeg (no recorded files in git).
///
/// The conversation voices are ones the GE2E model itself tells apart clearly (centroid cosine
/// distance ≥ 0.28 between each pair); some espeak variants that sound different to people are
/// close for it (`en-us+m3` and `en-gb+f4`: 0.10), which would test the voices rather than the
/// diarizer.
enum SpeechFixtures {
    static let voiceA = "en-gb-x-rp+m7"
    static let voiceB = "en+f5"
    static let voiceC = "en-us+klatt"

    static let englishSentence = "Please call Stella and ask her to bring these things with her from the store."
    /// Intelligible even through an 8 kHz telephone channel.
    static let clearSentence = "The weather today is sunny and warm, so we will walk to the park."
    static let germanSentence = "Guten Morgen. Ich möchte heute Nachmittag mit meiner Schwester in die Stadt fahren und dort einkaufen."

    static let lines = [
        "Good morning, thanks for joining the call about the new warehouse project.",
        "Happy to be here. I read the proposal last night and I have a few questions.",
        "Sure, let us start with the budget, since that is what everyone asks about first.",
        "The budget looks fine to me, but the timeline seems very optimistic for winter.",
        "We added two extra weeks for weather delays, and the contractor agreed to that.",
        "Great, then I only need the final drawings before we sign the contract on Friday.",
    ]

    /// A scratch folder removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lore-speech-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// espeak-ng speaking `text` into a WAV file (22.05 kHz mono) at `path`.
    static func speak(_ text: String, voice: String = "en-us", wordsPerMinute: Int = 150, to path: String) async throws {
        let output = try await ProcessRunner.run("espeak-ng", ["-v", voice, "-s", String(wordsPerMinute), "-w", path, text])
        guard output.succeeded else { throw LoreError(.processFailed, "espeak-ng failed: \(output.standardError)") }
    }

    /// `text` spoken by espeak-ng, decoded to 16 kHz mono.
    static func speech(_ text: String, voice: String = "en-us", wordsPerMinute: Int = 150) async throws -> AudioBuffer {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("speech.wav").path
        try await speak(text, voice: voice, wordsPerMinute: wordsPerMinute, to: path)
        return try await AudioDecoder().decode(fileAt: path)
    }

    /// Lines spoken in turn by `voices` (espeak-ng's default pace), `pause` seconds of silence
    /// after each, and the true turns.
    static func conversation(voices: [String], lines: [String] = lines, pause: Double = 0.7) async throws -> (audio: AudioBuffer, reference: [SpeakerTurn]) {
        var samples: [Float] = []
        var reference: [SpeakerTurn] = []
        let rate = Double(AudioBuffer.speechSampleRate)
        for (index, line) in lines.enumerated() {
            let voice = voices[index % voices.count]
            let speech = try await speech(line, voice: voice, wordsPerMinute: 175)
            let start = Double(samples.count) / rate
            samples += speech.samples
            reference.append(SpeakerTurn(start: start, end: Double(samples.count) / rate, speaker: voice))
            samples += [Float](repeating: 0, count: Int(pause * rate))
        }
        return (AudioBuffer(samples: samples), reference)
    }

    /// Writes 16 kHz mono samples to a file with ffmpeg, applying `outputOptions` (resampling,
    /// channel layout, codec) so decoders see real 8 kHz or 6-channel files.
    static func writeAudio(_ audio: AudioBuffer, to path: String, outputOptions: [String]) async throws {
        let bytes = audio.samples.withUnsafeBufferPointer { Array(UnsafeRawBufferPointer($0)) }
        let result = try await ProcessRunner.run("ffmpeg", [
            "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
            "-f", "f32le", "-ar", String(audio.sampleRate), "-ac", "1", "-i", "pipe:0",
        ] + outputOptions + [path], input: bytes)
        guard result.succeeded else { throw LoreError(.internalError, "ffmpeg failed: \(result.standardError)") }
    }

    /// Runs ffmpeg with the usual quiet flags; true when it succeeded.
    static func ffmpeg(_ arguments: [String]) async throws -> Bool {
        try await ProcessRunner.run("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-y"] + arguments).succeeded
    }

    static func silence(seconds: Double) -> [Float] { [Float](repeating: 0, count: Int(seconds * 16_000)) }
}

/// Fixtures shared by the tests of one run (espeak-ng and ffmpeg take a moment each).
enum SharedFixtures {
    static let twoVoices = Task { try await SpeechFixtures.conversation(voices: [SpeechFixtures.voiceA, SpeechFixtures.voiceB]) }
    static let diarizer = Task { try GE2EDiarizer.installed() }
}
