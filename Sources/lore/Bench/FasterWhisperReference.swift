import Foundation
import LoreCore
import LoreSystem

/// Runs `scripts/bench/faster_whisper_reference.py` in the venv that `scripts/setup --bench`
/// installs, on exactly the PCM Lore's engine gets.
struct FasterWhisperReference {
    struct Result: Decodable {
        var id: String
        var text: String
        var language: String?
        var seconds: Double
        var cpu_seconds: Double
    }

    struct Run: Decodable {
        var load_seconds: Double
        var results: [Result]
    }

    var python: String
    var script: String
    var modelDirectory: String

    /// Finds the venv, the script and the CTranslate2 weights; throws `tools_missing` when set-up
    /// ran without `--bench`.
    static func installed() throws -> FasterWhisperReference {
        let python = try ToolsDirectory.path("bench/faster-whisper/bin/python").path
        let model = try ToolsDirectory.path("models/whisper-base-ct2").path
        let tools = try ToolsDirectory.locate()
        let script = tools.deletingLastPathComponent().appendingPathComponent("scripts/bench/faster_whisper_reference.py").path
        guard FileManager.default.fileExists(atPath: script) else {
            throw LoreError(.toolsMissing, "\(script) is missing")
        }
        return FasterWhisperReference(python: python, script: script, modelDirectory: model)
    }

    /// Transcribes `items` in one reference process, after a warm-up run on `warmup`.
    func run(_ items: [SpeechBenchItem], warmup: SpeechBenchItem, threads: Int, beamSize: Int, vad: Bool, directory: URL) async throws -> Run {
        func pcm(_ item: SpeechBenchItem) throws -> String {
            let path = directory.appendingPathComponent("pcm-\(abs(item.id.hashValue)).f32")
            try item.audio.samples.withUnsafeBufferPointer { Data(buffer: $0) }.write(to: path)
            return path.path
        }
        let manifest = try items.map { ["id": $0.id, "pcm": try pcm($0)] }
        let manifestPath = directory.appendingPathComponent("manifest.json")
        try JSONSerialization.data(withJSONObject: manifest).write(to: manifestPath)
        var arguments = [script, "--model", modelDirectory, "--threads", String(threads), "--beam-size", String(beamSize)]
        if vad { arguments.append("--vad") }
        arguments += ["--warmup", try pcm(warmup), manifestPath.path]
        let output = try await ProcessRunner.run(
            python, arguments,
            // the same OpenMP wait policy as Lore's process, so neither side spins on a shared machine
            environment: ["HF_HUB_OFFLINE": "1", "OMP_WAIT_POLICY": "PASSIVE"],
            limits: ProcessLimits(wallClock: .seconds(3600), maxErrorBytes: 1 << 20))
        guard output.succeeded else {
            throw LoreError(.processFailed, "faster-whisper failed: \(output.standardError.suffix(800))")
        }
        return try JSONDecoder().decode(Run.self, from: Data(output.standardOutput))
    }
}
