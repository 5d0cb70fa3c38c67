import Foundation
import LoreCore

/// The NIST Rich Transcription Time Marked format, as far as diarization uses it: one
/// `SPEAKER <file> <channel> <start> <duration> <NA> <NA> <speaker> <NA> <NA>` line per turn.
public enum RTTM {
    /// The `SPEAKER` lines of an RTTM document, grouped by file id in order of appearance.
    /// Comment lines (`;;`), blank lines and other record types are skipped.
    public static func parse(_ text: String) throws -> [(file: String, turns: [SpeakerTurn])] {
        var files: [(file: String, turns: [SpeakerTurn])] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard let type = fields.first, !type.hasPrefix(";;"), type == "SPEAKER" else { continue }
            guard fields.count >= 8,
                  let start = Double(fields[3]), let duration = Double(fields[4]),
                  start.isFinite, duration.isFinite, start >= 0, duration >= 0
            else {
                throw LoreError(.invalidRTTM, "RTTM line \(index + 1) is not `SPEAKER file channel start duration … speaker …`")
            }
            let file = String(fields[1])
            let turn = SpeakerTurn(start: start, end: start + duration, speaker: String(fields[7]))
            if let position = files.firstIndex(where: { $0.file == file }) {
                files[position].turns.append(turn)
            } else {
                files.append((file, [turn]))
            }
        }
        return files
    }

    /// RTTM text for the turns of one file (channel 1, times with millisecond precision).
    public static func format(_ turns: [SpeakerTurn], file: String) -> String {
        turns.map { turn in
            let start = String(format: "%.3f", turn.start)
            let duration = String(format: "%.3f", max(0, turn.end - turn.start))
            return "SPEAKER \(file) 1 \(start) \(duration) <NA> <NA> \(turn.speaker) <NA> <NA>\n"
        }.joined()
    }
}
