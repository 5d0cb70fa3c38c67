import Foundation
import LoreCore
import LoreMedia
import LoreSystem

/// Speech and media made at test time with espeak-ng and ffmpeg (no recorded files in git).
enum SpeechFixtures {
    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lore-asr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// espeak-ng speaking `text` into a WAV file (22.05 kHz mono) at `path`.
    static func speak(_ text: String, voice: String = "en-us", to path: String) async throws {
        let output = try await ProcessRunner.run("espeak-ng", ["-v", voice, "-s", "150", "-w", path, text])
        guard output.succeeded else { throw LoreError(.processFailed, "espeak-ng failed: \(output.standardError)") }
    }

    /// `text` spoken by espeak-ng, decoded to 16 kHz mono.
    static func speech(_ text: String, voice: String = "en-us") async throws -> AudioBuffer {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("speech.wav").path
        try await speak(text, voice: voice, to: path)
        return try await AudioDecoder().decode(fileAt: path)
    }

    /// Runs ffmpeg with the usual quiet flags; true when it succeeded.
    static func ffmpeg(_ arguments: [String]) async throws -> Bool {
        try await ProcessRunner.run("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-y"] + arguments).succeeded
    }

    static func silence(seconds: Double) -> [Float] { [Float](repeating: 0, count: Int(seconds * 16_000)) }

    static let englishSentence = "Please call Stella and ask her to bring these things with her from the store."
    /// Intelligible even through an 8 kHz telephone channel.
    static let clearSentence = "The weather today is sunny and warm, so we will walk to the park."
    static let germanSentence = "Guten Morgen. Ich möchte heute Nachmittag mit meiner Schwester in die Stadt fahren und dort einkaufen."
}
