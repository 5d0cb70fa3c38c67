import ArgumentParser
import Foundation
import LoreApp
import LoreCore
import LoreInference
import LoreMedia

/// `lore transcribe FILE`: speech to timed text with the local Whisper model, or a provided
/// WebVTT/SRT transcript read as it is.
struct TranscribeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transcribe",
        abstract: "Transcribe the speech in an audio or video file (or read a .vtt/.srt transcript).",
        discussion: """
        Any format ffmpeg decodes is accepted; the audio is converted to 16 kHz mono and \
        transcribed locally by whisper.cpp with the Whisper base model (installed by scripts/setup). \
        Silence is skipped by voice-activity detection unless --no-vad is given. A .vtt or .srt \
        file is parsed instead of transcribed.

        Output: one line per segment ("[start → end] text"), or with --json:
        {"language", "duration", "text", "source", "segments": [{"start", "end", "text", "speaker"}]}
        """)

    @Flag(help: "Print the transcript as JSON.")
    var json = false

    @Option(help: ArgumentHelp("Spoken language as an ISO 639-1 code, e.g. en, de (default: detect).", valueName: "xx"))
    var language: String?

    @Option(help: "CPU threads for the speech model (default: all cores, at most 4).")
    var threads: Int?

    @Flag(name: .customLong("no-vad"), help: "Decode the whole recording, silence included.")
    var noVAD = false

    @Option(help: "Characters of each window's text that prompt the next 28 s window (default 0: none, see docs/ASR.md).")
    var carryContext = 0

    @Option(help: "ggml model file in .tools/models/whisper-base: ggml-base-q8_0.bin (default) or ggml-base.bin (f16).")
    var model = WhisperConfiguration.defaultModel

    @Flag(help: "Label who speaks when (S1, S2, … by the local GE2E speaker model).")
    var diarize = false

    @Option(help: "Number of speakers, when known (with --diarize).")
    var speakers: Int?

    @Argument(help: "The audio, video, .vtt or .srt file.")
    var file: String

    func validate() throws {
        if let threads, !(1...64).contains(threads) { throw ValidationError("--threads must be between 1 and 64") }
        if carryContext < 0 { throw ValidationError("--carry-context must not be negative") }
        if let speakers, !(1...32).contains(speakers) { throw ValidationError("--speakers must be between 1 and 32") }
    }

    func run() async throws {
        try await reportingLoreErrors { try await transcribeAndPrint() }
    }

    func transcribeAndPrint() async throws {
        var transcript = try await readOrTranscribe()
        if diarize, !transcript.segments.isEmpty {
            let audio = try await AudioDecoder().decode(fileAt: file)
            let turns = try await GE2EDiarizer.installed().diarize(
                audio, speech: transcript.segments.map { TimeRange(start: $0.start, end: $0.end) }, speakerCount: speakers)
            transcript.segments = SpeakerAttribution.assign(turns, to: transcript.segments)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(TranscriptDocument(transcript: transcript)), as: UTF8.self))
        } else {
            print(Self.plainText(transcript))
        }
    }

    /// A provided transcript is parsed; anything else is decoded and transcribed.
    func readOrTranscribe() async throws -> Transcript {
        guard FileManager.default.fileExists(atPath: file) else {
            throw LoreError(.notFound, "\(file) does not exist")
        }
        if ProvidedTranscriptFormat(fileExtension: (file as NSString).pathExtension) != nil {
            return try ProvidedTranscriptFormat.parseFile(at: file)
        }
        var configuration = try WhisperConfiguration.installed(model: model)
        if let threads { configuration.threads = threads }
        configuration.carriedContextCharacters = carryContext
        let transcriber = try WhisperTranscriber(configuration: configuration)
        let audio = try await AudioDecoder().decode(fileAt: file)
        return try await transcriber.transcribe(audio, options: TranscriptionOptions(language: language, voiceActivityDetection: !noVAD))
    }

    static func plainText(_ transcript: Transcript) -> String {
        var lines = ["# language: \(transcript.language ?? "unknown"), duration: \(timestamp(transcript.duration))"]
        for segment in transcript.segments {
            let speaker = segment.speaker.map { "\($0): " } ?? ""
            lines.append("[\(timestamp(segment.start)) → \(timestamp(segment.end))] \(speaker)\(segment.text)")
        }
        return lines.joined(separator: "\n")
    }

    static func timestamp(_ seconds: Double) -> String {
        let centiseconds = Int((seconds * 100).rounded())
        let (minutes, rest) = (centiseconds / 6000, centiseconds % 6000)
        return String(format: "%02d:%02d.%02d", minutes, rest / 100, rest % 100)
    }
}
