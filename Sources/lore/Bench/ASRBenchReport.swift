import Foundation
import LoreCore
import LoreInference

/// One engine's output and cost for one file.
struct EngineRun {
    var text: String
    var seconds: Double
    var cpuSeconds: Double
    var language: String?
}

/// Per-group figures of `lore bench asr` for both engines, as a table and as JSON.
struct ASRBenchReport {
    struct EngineFigures: Encodable {
        var wer: Double
        var errors: Int
        var seconds: Double
        var rtf: Double
        var cpuSeconds: Double
    }

    struct Group: Encodable {
        var name: String
        var files: Int
        var audioSeconds: Double
        var referenceWords: Int
        var lore: EngineFigures
        var reference: EngineFigures?
        /// Lore's wall time over the reference's (≤ 1.0 is the goal).
        var wallRatio: Double?
    }

    struct FileResult: Encodable {
        var id: String
        var group: String
        var audioSeconds: Double
        var reference: String
        var lore: String
        var loreLanguage: String?
        var loreSeconds: Double
        var loreCPUSeconds: Double
        var loreWER: Double
        var fasterWhisper: String?
        var fasterWhisperSeconds: Double?
        var fasterWhisperCPUSeconds: Double?
        var fasterWhisperWER: Double?
    }

    let groups: [Group]
    let files: [FileResult]
    let settings: [String: String]
    let loadSeconds: Double
    let referenceLoadSeconds: Double?
    let loadAverage: (before: Double, after: Double)

    init(
        items: [SpeechBenchItem],
        lore: [String: EngineRun],
        reference: [String: EngineRun],
        settings: [String: String],
        loadSeconds: Double,
        referenceLoadSeconds: Double?,
        loadAverage: (before: Double, after: Double)
    ) {
        var files: [FileResult] = []
        for item in items {
            let ours = lore[item.id] ?? EngineRun(text: "", seconds: 0, cpuSeconds: 0)
            let theirs = reference[item.id]
            files.append(FileResult(
                id: item.id, group: item.group, audioSeconds: item.audio.duration, reference: item.reference,
                lore: ours.text, loreLanguage: ours.language, loreSeconds: ours.seconds, loreCPUSeconds: ours.cpuSeconds,
                loreWER: WordErrorRate(reference: item.reference, hypothesis: ours.text).rate,
                fasterWhisper: theirs?.text, fasterWhisperSeconds: theirs?.seconds, fasterWhisperCPUSeconds: theirs?.cpuSeconds,
                fasterWhisperWER: theirs.map { WordErrorRate(reference: item.reference, hypothesis: $0.text).rate }))
        }
        var groupNames: [String] = []
        for item in items where !groupNames.contains(item.group) { groupNames.append(item.group) }
        groups = groupNames.map { name in
            let members = items.filter { $0.group == name }
            let audio = members.reduce(0) { $0 + $1.audio.duration }
            let ourWER = members.reduce(WordErrorRate()) { $0 + WordErrorRate(reference: $1.reference, hypothesis: lore[$1.id]?.text ?? "") }
            let ourSeconds = members.reduce(0) { $0 + (lore[$1.id]?.seconds ?? 0) }
            let ourCPU = members.reduce(0) { $0 + (lore[$1.id]?.cpuSeconds ?? 0) }
            var theirs: EngineFigures?
            if members.allSatisfy({ reference[$0.id] != nil }) {
                let wer = members.reduce(WordErrorRate()) { $0 + WordErrorRate(reference: $1.reference, hypothesis: reference[$1.id]?.text ?? "") }
                let seconds = members.reduce(0) { $0 + (reference[$1.id]?.seconds ?? 0) }
                let cpu = members.reduce(0) { $0 + (reference[$1.id]?.cpuSeconds ?? 0) }
                theirs = EngineFigures(wer: wer.rate, errors: wer.errors, seconds: seconds, rtf: seconds / audio, cpuSeconds: cpu)
            }
            return Group(
                name: name, files: members.count, audioSeconds: audio, referenceWords: ourWER.referenceWords,
                lore: EngineFigures(wer: ourWER.rate, errors: ourWER.errors, seconds: ourSeconds, rtf: ourSeconds / audio, cpuSeconds: ourCPU),
                reference: theirs, wallRatio: theirs.map { ourSeconds / $0.seconds })
        }
        self.files = files
        self.settings = settings
        self.loadSeconds = loadSeconds
        self.referenceLoadSeconds = referenceLoadSeconds
        self.loadAverage = loadAverage
    }

    func table() -> String {
        var table = TextTable(["group", "files", "audio s", "words", "WER lore", "WER ref", "RTF lore", "RTF ref", "wall lore s", "wall ref s", "lore/ref", "cpu lore s", "cpu ref s"])
        for group in groups {
            table.add([
                group.name, "\(group.files)", fixed(group.audioSeconds, 1), "\(group.referenceWords)",
                percent(group.lore.wer), group.reference.map { percent($0.wer) } ?? "–",
                fixed(group.lore.rtf, 3), group.reference.map { fixed($0.rtf, 3) } ?? "–",
                fixed(group.lore.seconds, 2), group.reference.map { fixed($0.seconds, 2) } ?? "–",
                group.wallRatio.map { fixed($0, 2) + "×" } ?? "–",
                fixed(group.lore.cpuSeconds, 1), group.reference.map { fixed($0.cpuSeconds, 1) } ?? "–",
            ])
        }
        let settingsLine = settings.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        var lines = [
            "ASR benchmark (\(settingsLine))",
            "model load: lore \(fixed(loadSeconds, 2)) s" + (referenceLoadSeconds.map { ", faster-whisper \(fixed($0, 2)) s" } ?? ""),
            "RTF = wall time / audio duration; cpu = user+system CPU seconds of the engine's process (robust to other load)",
            "load average (1 min): \(fixed(loadAverage.before, 2)) before, \(fixed(loadAverage.after, 2)) after",
            "",
            table.render(),
            "",
        ]
        lines.append(contentsOf: goals().map { "goal \($0.name): \($0.value) → \($0.met ? "met" : "NOT met")" })
        return lines.joined(separator: "\n")
    }

    struct Goal: Encodable {
        var name: String
        var value: String
        var met: Bool
    }

    func goals() -> [Goal] {
        var goals: [Goal] = []
        if let librivox = groups.first(where: { $0.name == "librivox" }) {
            goals.append(Goal(name: "WER ≤ 5 % on LibriVox", value: percent(librivox.lore.wer), met: librivox.lore.wer <= 0.05))
        }
        let audio = groups.reduce(0) { $0 + $1.audioSeconds }
        let ours = groups.reduce(0) { $0 + $1.lore.seconds }
        let threads = settings["threads"] ?? "?"
        goals.append(Goal(name: "RTF ≤ 0.10 (all audio, \(threads) threads)", value: fixed(ours / audio, 3), met: ours / audio <= 0.10))
        if groups.allSatisfy({ $0.reference != nil }) {
            let theirs = groups.reduce(0) { $0 + ($1.reference?.seconds ?? 0) }
            goals.append(Goal(name: "wall ≤ 1.0× faster-whisper (all audio)", value: fixed(ours / theirs, 2) + "×", met: ours <= theirs))
        }
        return goals
    }

    func json() throws -> Data {
        struct Document: Encodable {
            var settings: [String: String]
            var modelLoadSeconds: Double
            var referenceModelLoadSeconds: Double?
            var loadAverageBefore: Double
            var loadAverageAfter: Double
            var groups: [Group]
            var goals: [Goal]
            var files: [FileResult]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(Document(
            settings: settings, modelLoadSeconds: loadSeconds, referenceModelLoadSeconds: referenceLoadSeconds,
            loadAverageBefore: loadAverage.before, loadAverageAfter: loadAverage.after,
            groups: groups, goals: goals(), files: files))
    }

    private func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
    private func percent(_ value: Double) -> String { String(format: "%.1f %%", value * 100) }
}
