import ArgumentParser
import Foundation
import LoreCore
import LoreInference
import LoreMedia

/// `lore diarize FILE`: who spoke when, with the local GE2E speaker model.
struct DiarizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diarize",
        abstract: "Label who spoke when in an audio or video file (speakers S1, S2, … by first appearance).",
        discussion: """
            Speech is found by energy, embedded with Resemblyzer's GE2E speaker encoder (installed by \
            scripts/setup) and clustered. Any file ffmpeg decodes is accepted.
            """
    )

    @Argument(help: "Audio or video file.")
    var file: String

    @Option(name: .long, help: "Number of speakers when known (otherwise estimated).")
    var speakers: Int?

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    @Flag(name: .long, help: "Print RTTM lines instead of a table.")
    var rttm = false

    func validate() throws {
        if let speakers, speakers < 1 { throw ValidationError("--speakers must be at least 1") }
        if json && rttm { throw ValidationError("choose one of --json and --rttm") }
    }

    func run() async throws {
        let diarizer = try GE2EDiarizer.installed()
        let audio = try await AudioDecoder().decode(fileAt: file)
        let turns = try await diarizer.diarize(audio, speech: nil, speakerCount: speakers)
        let speakerNames = Array(Set(turns.map(\.speaker))).sorted { $0.localizedStandardCompare($1) == .orderedAscending }
        if json {
            let report = DiarizationReport(file: file, duration: audio.duration, speakers: speakerNames, turns: turns)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else if rttm {
            let id = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            print(RTTM.format(turns, file: id), terminator: "")
        } else {
            print("\(speakerNames.count) speaker(s) in \(String(format: "%.1f", audio.duration)) s")
            for turn in turns {
                print(String(format: "%9.2f  %9.2f  %@", turn.start, turn.end, turn.speaker))
            }
        }
    }
}

/// The JSON shape of `lore diarize --json`.
struct DiarizationReport: Encodable {
    var file: String
    var duration: Double
    var speakers: [String]
    var turns: [SpeakerTurn]
}
