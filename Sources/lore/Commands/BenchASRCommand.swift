import ArgumentParser
import Foundation
import LoreCore
import LoreInference

/// `lore bench asr`: word error rate and speed of the local Whisper engine, with faster-whisper
/// (int8, same weights, same threads) side by side in the same run.
struct BenchASRCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asr",
        abstract: "Speech-to-text benchmark: WER and real-time factor, faster-whisper side by side.",
        discussion: """
        Groups: the LibriVox readings, the spoken card names, goforward.wav (from \
        speech/pocketsphinx_testdata), and a generated recording of at least --long-minutes made \
        of those real utterances with pauses. WER is computed after case/punctuation \
        normalisation (numbers spelled out, "Mr." → "mister") for both engines alike. RTF = \
        transcription time / audio duration (decoded PCM in, model already loaded). The reference \
        needs `scripts/setup --bench`. Goals: WER ≤ 5 % on LibriVox, RTF ≤ 0.10 with 2 threads, \
        wall time ≤ 1.0× faster-whisper's.
        """)

    @Option(help: "Data folder (holding speech/pocketsphinx_testdata).")
    var data = "../shared/data"

    @Option(help: "CPU threads for both engines.")
    var threads = 2

    @Option(help: "Write the results as JSON to this file.")
    var json: String?

    @Flag(name: .customLong("no-reference"), help: "Skip faster-whisper.")
    var noReference = false

    @Option(help: "ggml model file in .tools/models/whisper-base.")
    var model = WhisperConfiguration.defaultModel

    @Option(help: "Beam size for both engines (1 = greedy).")
    var beamSize = 1

    @Flag(name: .customLong("no-vad"), help: "Decode silence too (both engines).")
    var noVAD = false

    @Flag(name: .customLong("no-flash-attention"), help: "Disable flash attention in whisper.cpp.")
    var noFlashAttention = false

    @Flag(name: .customLong("full-context"), help: "Always encode full 30 s windows (no short-audio context).")
    var fullContext = false

    @Option(help: "Characters of the previous window's text that prompt the next window (0 = none).")
    var carryContext = 0

    @Option(help: "Longest decoding window in seconds (whole speech regions, at most 30).")
    var windowSeconds = 28.0

    @Flag(name: .customLong("no-long"), help: "Skip the generated long recording.")
    var noLong = false

    @Option(help: "Minimum length of the generated long recording, in minutes.")
    var longMinutes = 10.5

    func validate() throws {
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be between 1 and 64") }
        guard (1...16).contains(beamSize) else { throw ValidationError("--beam-size must be between 1 and 16") }
    }

    func run() async throws {
        let loadBefore = Self.loadAverage()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lore-bench-asr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }

        var items = try await SpeechBenchData.load(from: data)
        if !noLong { items.append(try await SpeechBenchData.longRecording(from: items, minimumSeconds: longMinutes * 60, directory: scratch)) }

        var configuration = try WhisperConfiguration.installed(model: model)
        configuration.threads = threads
        configuration.beamSize = beamSize
        configuration.flashAttention = !noFlashAttention
        configuration.shortAudioContext = !fullContext
        configuration.carriedContextCharacters = carryContext
        configuration.windowSeconds = windowSeconds
        let clock = ContinuousClock()
        var transcriber: WhisperTranscriber?
        let loadTime = try clock.measure { transcriber = try WhisperTranscriber(configuration: configuration) }
        guard let transcriber else { return }
        let options = TranscriptionOptions(voiceActivityDetection: !noVAD)
        _ = try await transcriber.transcribe(items[0].audio, options: options) // warm-up

        let reference = noReference ? nil : try FasterWhisperReference.installed()
        var referenceRuns: [String: EngineRun] = [:]
        var referenceLoad: [Double] = []
        var lore: [String: EngineRun] = [:]
        // Engines alternate file by file, so both meet the same load on a shared machine.
        for item in items {
            var transcript: Transcript?
            let cpuBefore = Self.processCPUSeconds()
            let elapsed = try await clock.measure { transcript = try await transcriber.transcribe(item.audio, options: options) }
            lore[item.id] = EngineRun(text: transcript?.text ?? "", seconds: elapsed.seconds, cpuSeconds: Self.processCPUSeconds() - cpuBefore, language: transcript?.language)
            FileHandle.standardError.write(Data("lore: \(item.id) \(String(format: "%.2f", elapsed.seconds)) s\n".utf8))
            if let reference {
                let run = try await reference.run([item], warmup: items[0], threads: threads, beamSize: beamSize, vad: !noVAD, directory: scratch)
                referenceLoad.append(run.load_seconds)
                for result in run.results {
                    referenceRuns[result.id] = EngineRun(text: result.text, seconds: result.seconds, cpuSeconds: result.cpu_seconds, language: result.language)
                }
            }
        }

        let report = ASRBenchReport(
            items: items, lore: lore, reference: referenceRuns,
            settings: [
                "threads": "\(threads)", "model": model, "beam_size": "\(beamSize)", "vad": "\(!noVAD)",
                "flash_attention": "\(!noFlashAttention)", "short_audio_context": "\(!fullContext)", "carried_context_characters": "\(carryContext)", "window_seconds": "\(configuration.windowSeconds)",
                "whisper_cpp": WhisperLibrary.version ?? "?", "reference": noReference ? "none" : "faster-whisper int8",
            ],
            loadSeconds: loadTime.seconds, referenceLoadSeconds: referenceLoad.min(),
            loadAverage: (before: loadBefore, after: Self.loadAverage()))
        print(report.table())
        if let json {
            try report.json().write(to: URL(fileURLWithPath: json))
            print("wrote \(json)")
        }
    }

    /// User + system CPU time of this process (all threads): unlike wall time, it barely moves
    /// when other work competes for the cores.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// The 1-minute load average: the machine is shared, so every result records it.
    static func loadAverage() -> Double {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return Double(text.split(separator: " ").first ?? "") ?? -1
    }
}

