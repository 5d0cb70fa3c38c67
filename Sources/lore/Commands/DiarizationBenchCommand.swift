import ArgumentParser
import Foundation
import LoreCore
import LoreInference
import LoreMedia

/// `lore bench diarization`: diarization error rate against RTTM references.
struct DiarizationBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diarization",
        abstract: "Diarization error rate (missed, false alarm, confusion) against RTTM references.",
        discussion: """
            DIR holds RTTM files and, for each file id in them, audio named <id>.wav (or another \
            extension ffmpeg reads); a data root with speech/pyannote_sample/ is accepted too. Each \
            recording is diarized twice: with the speaker count estimated, and with the reference's \
            speaker count given. The collar is the NIST one: seconds on each side of every \
            reference boundary left out of scoring.
            """
    )

    @Option(name: [.customLong("data"), .customLong("dataset")], help: "Folder with RTTM references and audio.")
    var data: String

    @Option(name: [.long, .customLong("output")], help: "Write the results as JSON to this file.")
    var json: String?

    @Option(help: "Forgiveness collar in seconds on each side of reference boundaries.")
    var collar: Double = 0.25

    @Option(help: "Cosine distance threshold for the estimated-count run (default: the diarizer's).")
    var threshold: Float?

    func run() async throws {
        let folder = try Self.referenceFolder(data)
        var configuration = GE2EDiarizer.Configuration()
        if let threshold { configuration.distanceThreshold = threshold }
        let diarizer = try GE2EDiarizer.installed(configuration: configuration)
        let decoder = AudioDecoder()

        var rows: [DiarizationBenchRow] = []
        for rttmFile in try Self.rttmFiles(in: folder) {
            for (id, reference) in try RTTM.parse(String(contentsOf: rttmFile, encoding: .utf8)) {
                let audioFile = try Self.audioFile(for: id, in: folder)
                let audio = try await decoder.decode(fileAt: audioFile.path)
                let referenceSpeakers = Set(reference.map(\.speaker)).count
                for (mode, count) in [("estimated", nil as Int?), ("known count", referenceSpeakers)] {
                    let clock = ContinuousClock()
                    let started = clock.now, cpuStarted = Self.processCPUSeconds()
                    let hypothesis = try await diarizer.diarize(audio, speech: nil, speakerCount: count)
                    let elapsed = clock.now - started
                    let seconds = elapsed.seconds
                    let score = DiarizationErrorRate.score(reference: reference, hypothesis: hypothesis, collar: collar)
                    rows.append(DiarizationBenchRow(file: id, mode: mode, duration: audio.duration, score: score,
                                                    seconds: seconds, cpuSeconds: Self.processCPUSeconds() - cpuStarted))
                }
            }
        }
        guard !rows.isEmpty else {
            throw ValidationError("no SPEAKER lines in the RTTM files of \(folder.path)")
        }
        let summary = DiarizationBenchSummary(collar: collar, distanceThreshold: configuration.distanceThreshold,
                                              windowHop: configuration.windowHop, goal: 0.25, rows: rows)
        print(summary.table())
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try encoder.encode(summary).write(to: URL(fileURLWithPath: json))
            print("wrote \(json)")
        }
    }

    /// User + system CPU time of this process (all threads): steadier than wall time on a busy machine.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) * 1e-6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func referenceFolder(_ path: String) throws -> URL {
        let root = URL(fileURLWithPath: path, isDirectory: true)
        for candidate in [root, root.appendingPathComponent("speech/pyannote_sample", isDirectory: true)] {
            if let files = try? rttmFiles(in: candidate), !files.isEmpty { return candidate }
        }
        throw ValidationError("no .rttm files in \(path) (nor in \(path)/speech/pyannote_sample)")
    }

    static func rttmFiles(in folder: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension.lowercased() == "rttm" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static func audioFile(for id: String, in folder: URL) throws -> URL {
        let candidates = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        let audio = candidates
            .filter { $0.deletingPathExtension().lastPathComponent == id && $0.pathExtension.lowercased() != "rttm" }
            .sorted { ($0.pathExtension == "wav" ? 0 : 1, $0.lastPathComponent) < ($1.pathExtension == "wav" ? 0 : 1, $1.lastPathComponent) }
        guard let first = audio.first else { throw ValidationError("no audio file named \(id).* in \(folder.path)") }
        return first
    }
}

/// One recording diarized one way.
struct DiarizationBenchRow: Encodable {
    var file: String
    var mode: String
    var duration: Double
    var score: DiarizationScore
    var seconds: Double
    var cpuSeconds: Double
    /// Wall-clock seconds per second of audio.
    var realTimeFactor: Double { duration > 0 ? seconds / duration : 0 }
    /// CPU seconds (all threads) per second of audio.
    var cpuRealTimeFactor: Double { duration > 0 ? cpuSeconds / duration : 0 }

    enum CodingKeys: String, CodingKey {
        case file, mode, duration, seconds, cpuSeconds, realTimeFactor, cpuRealTimeFactor, referenceSpeakers, speakersFound
        case referenceSpeech, missed, falseAlarm, confusion, diarizationErrorRate
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(mode, forKey: .mode)
        try container.encode(duration, forKey: .duration)
        try container.encode(seconds, forKey: .seconds)
        try container.encode(realTimeFactor, forKey: .realTimeFactor)
        try container.encode(cpuSeconds, forKey: .cpuSeconds)
        try container.encode(cpuRealTimeFactor, forKey: .cpuRealTimeFactor)
        try container.encode(score.referenceSpeakers, forKey: .referenceSpeakers)
        try container.encode(score.hypothesisSpeakers, forKey: .speakersFound)
        try container.encode(score.referenceSpeech, forKey: .referenceSpeech)
        try container.encode(score.missedRate, forKey: .missed)
        try container.encode(score.falseAlarmRate, forKey: .falseAlarm)
        try container.encode(score.confusionRate, forKey: .confusion)
        try container.encode(score.errorRate, forKey: .diarizationErrorRate)
    }
}

/// All rows, totals per mode (errors summed over recordings, then divided), and the table.
struct DiarizationBenchSummary: Encodable {
    var benchmark = "diarization"
    var model = "Resemblyzer 0.1.4 GE2E (models/resemblyzer/ge2e.safetensors)"
    var collar: Double
    var distanceThreshold: Float
    var windowHop: Double
    var goal: Double
    var rows: [DiarizationBenchRow]

    var totals: [DiarizationBenchRow] {
        var order: [String] = []
        var byMode: [String: DiarizationBenchRow] = [:]
        for row in rows {
            guard var total = byMode[row.mode] else {
                order.append(row.mode)
                byMode[row.mode] = DiarizationBenchRow(file: "total", mode: row.mode, duration: row.duration,
                                                       score: row.score, seconds: row.seconds, cpuSeconds: row.cpuSeconds)
                continue
            }
            total.duration += row.duration
            total.seconds += row.seconds
            total.cpuSeconds += row.cpuSeconds
            total.score.referenceSpeech += row.score.referenceSpeech
            total.score.missed += row.score.missed
            total.score.falseAlarm += row.score.falseAlarm
            total.score.confusion += row.score.confusion
            total.score.referenceSpeakers += row.score.referenceSpeakers
            total.score.hypothesisSpeakers += row.score.hypothesisSpeakers
            byMode[row.mode] = total
        }
        return order.compactMap { byMode[$0] }
    }

    enum CodingKeys: String, CodingKey {
        case benchmark, model, collar, distanceThreshold, windowHop, goal, rows, totals
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(benchmark, forKey: .benchmark)
        try container.encode(model, forKey: .model)
        try container.encode(collar, forKey: .collar)
        try container.encode(distanceThreshold, forKey: .distanceThreshold)
        try container.encode(windowHop, forKey: .windowHop)
        try container.encode(goal, forKey: .goal)
        try container.encode(rows, forKey: .rows)
        try container.encode(totals, forKey: .totals)
    }

    func table() -> String {
        func percent(_ value: Double) -> String { String(format: "%6.1f%%", value * 100) }
        func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0) }
        var lines = ["Diarization (GE2E, collar ±\(collar) s, threshold \(distanceThreshold), goal DER ≤ \(Int(goal * 100))%)",
                     "\(pad("file", 12)) \(pad("speakers", 12)) ref  found   missed  false al. confusion      DER     RTF  CPU RTF"]
        for row in rows + totals {
            lines.append("\(pad(row.file, 12)) \(pad(row.mode, 12)) \(String(format: "%3d", row.score.referenceSpeakers)) "
                + "\(String(format: "%6d", row.score.hypothesisSpeakers)) \(percent(row.score.missedRate))   \(percent(row.score.falseAlarmRate))   "
                + "\(percent(row.score.confusionRate))  \(percent(row.score.errorRate)) \(String(format: "%7.3f", row.realTimeFactor)) \(String(format: "%8.3f", row.cpuRealTimeFactor))")
        }
        return lines.joined(separator: "\n")
    }
}
