import Foundation
import LoreCore
import LoreMedia
import LoreSystem

/// One utterance of the speech benchmark with its exact reference transcript.
struct SpeechBenchItem {
    var id: String
    var group: String
    var reference: String
    var audio: AudioBuffer
}

/// Loads `speech/pocketsphinx_testdata` (LibriVox readings, spoken card names, goforward) and
/// generates the long recording: the real utterances concatenated with pauses, written and
/// decoded back through ffmpeg like any uploaded file.
enum SpeechBenchData {
    /// `folder` is the data root (holding speech/pocketsphinx_testdata) or that folder itself.
    static func load(from folder: String) async throws -> [SpeechBenchItem] {
        let root = URL(fileURLWithPath: folder)
        let candidates = [root, root.appendingPathComponent("speech/pocketsphinx_testdata")]
        guard let base = candidates.first(where: { FileManager.default.fileExists(atPath: $0.appendingPathComponent("transcripts.tsv").path) }) else {
            throw LoreError(.notFound, "no speech/pocketsphinx_testdata/transcripts.tsv under \(folder)")
        }
        let table = try String(contentsOf: base.appendingPathComponent("transcripts.tsv"), encoding: .utf8)
        var items: [SpeechBenchItem] = []
        for line in table.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3 else { continue }
            let file = fields[0]
            let group = file.contains("/") ? String(file.split(separator: "/")[0]) : (file as NSString).deletingPathExtension
            let audio = try await AudioDecoder().decode(fileAt: base.appendingPathComponent(file).path)
            items.append(SpeechBenchItem(id: file, group: group, reference: fields[2], audio: audio))
        }
        guard !items.isEmpty else { throw LoreError(.notFound, "transcripts.tsv lists no utterances") }
        return items
    }

    /// The utterances in rounds (each round in a rotated order) separated by pauses of 0.8–3.0 s,
    /// until the recording is at least `minimumSeconds` long; written as WAV with ffmpeg in
    /// `directory` and decoded back.
    static func longRecording(from items: [SpeechBenchItem], minimumSeconds: Double, directory: URL) async throws -> SpeechBenchItem {
        var samples: [Float] = []
        var references: [String] = []
        var round = 0
        var pauseIndex = 0
        while Double(samples.count) / Double(AudioBuffer.speechSampleRate) < minimumSeconds {
            for offset in items.indices {
                let item = items[(offset + round * 3) % items.count]
                let pause = 0.8 + Double((pauseIndex * 37) % 23) / 10
                pauseIndex += 1
                samples.append(contentsOf: repeatElement(0, count: Int(pause * Double(AudioBuffer.speechSampleRate))))
                samples.append(contentsOf: item.audio.samples)
                references.append(item.reference)
            }
            round += 1
        }
        samples.append(contentsOf: repeatElement(0, count: AudioBuffer.speechSampleRate))
        let path = directory.appendingPathComponent("long.wav").path
        let bytes = samples.withUnsafeBufferPointer { Array(UnsafeRawBufferPointer($0)) }
        let output = try await ProcessRunner.run("ffmpeg", [
            "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
            "-f", "f32le", "-ar", String(AudioBuffer.speechSampleRate), "-ac", "1", "-i", "pipe:0",
            "-c:a", "pcm_s16le", path,
        ], input: bytes, limits: ProcessLimits(wallClock: .seconds(120)))
        guard output.succeeded else { throw LoreError(.processFailed, "ffmpeg could not write the long recording: \(output.standardError)") }
        let audio = try await AudioDecoder().decode(fileAt: path)
        return SpeechBenchItem(id: "generated/long.wav", group: "long", reference: references.joined(separator: " "), audio: audio)
    }
}
