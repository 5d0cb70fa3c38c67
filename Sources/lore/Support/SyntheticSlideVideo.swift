import Foundation
import LoreCore
import LoreSystem

/// A generated screen-share-like video: slides (title + bullets, ffmpeg drawtext, DejaVu Sans)
/// changing every 30–60 s, 1280 × 720 at 25 fps H.264, with a tone-plus-noise audio track.
/// The slide texts come from a fixed-seed generator, so every run draws the same video.
struct SyntheticSlideVideo {
    var duration: Double = 600
    var font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

    /// The slides and when they are shown.
    var slides: [ShownText] {
        var generator = SeededGenerator(seed: 20_240_517)
        var result: [ShownText] = []
        var start = 0.0
        var number = 1
        while start < duration {
            let length = min(Double(30 + generator.next(below: 31)), duration - start)
            var lines = ["Part \(number) " + words(2, &generator).capitalized]
            for _ in 0..<(3 + generator.next(below: 3)) { lines.append(words(4 + generator.next(below: 3), &generator)) }
            result.append(ShownText(start: start, end: start + length, text: lines.joined(separator: "\n")))
            start += length
            number += 1
        }
        return result
    }

    /// Writes the video to `path` (about a minute of encoding for 10 minutes).
    func write(to path: String) async throws {
        var filters: [String] = []
        for slide in slides {
            for (row, line) in slide.text.split(separator: "\n").enumerated() {
                let size = row == 0 ? 56 : 36
                let y = row == 0 ? 70 : 120 + row * 70
                filters.append("drawtext=fontfile=\(font):text='\(line)':x=90:y=\(y):fontsize=\(size):fontcolor=0x202020"
                    + ":enable='gte(t,\(slide.start))*lt(t,\(slide.end))'")
            }
        }
        let output = try await ProcessRunner.run("ffmpeg", [
            "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", "color=c=0xF4F4F0:s=1280x720:r=25:d=\(duration)",
            "-f", "lavfi", "-i", "sine=frequency=220:sample_rate=16000:duration=\(duration)",
            "-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.05:sample_rate=16000:duration=\(duration)",
            "-filter_complex", "[0:v]" + filters.joined(separator: ",") + "[v];[1:a][2:a]amix=inputs=2[a]",
            "-map", "[v]", "-map", "[a]", "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-ac", "1", "-movflags", "+faststart", path,
        ], limits: ProcessLimits(wallClock: .seconds(1800)))
        guard output.succeeded else { throw LoreError(.processFailed, "ffmpeg could not draw the slide video: \(output.standardError)") }
    }

    private static let vocabulary = [
        "search", "index", "meeting", "recording", "quarterly", "revenue", "customer", "support", "release", "schedule",
        "budget", "hiring", "roadmap", "privacy", "storage", "latency", "backup", "review", "design", "testing",
        "transcript", "speaker", "document", "upload", "archive", "migration", "security", "training", "feedback", "metrics",
        "dashboard", "planning", "contract", "partner", "invoice", "platform", "mobile", "network", "quality", "summary",
    ]

    private func words(_ count: Int, _ generator: inout SeededGenerator) -> String {
        (0..<count).map { _ in Self.vocabulary[generator.next(below: Self.vocabulary.count)] }.joined(separator: " ")
    }
}

/// A small deterministic generator (SplitMix64) for reproducible fixtures.
struct SeededGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
