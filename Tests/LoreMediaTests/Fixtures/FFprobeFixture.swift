import Foundation
import LoreCore
import LoreMedia
import LoreSystem

/// The container probe the video stage provides, in its simplest form: hardened ffprobe.
enum FFprobeFixture {
    static let probe: ContainerProbe = { path in
        let output = try await ProcessRunner.run("ffprobe", [
            "-hide_banner", "-loglevel", "error", "-protocol_whitelist", "file,pipe",
            "-show_entries", "stream=codec_type:stream_disposition=attached_pic:format=duration,format_name",
            "-of", "json", path,
        ], limits: ProcessLimits(wallClock: .seconds(30), cpuSeconds: 30, addressSpaceBytes: 2 << 30))
        guard output.succeeded,
              let object = try JSONSerialization.jsonObject(with: Data(output.standardOutput)) as? [String: Any] else {
            throw LoreError(.unsupportedMediaType, "ffprobe cannot read the container")
        }
        let streams = object["streams"] as? [[String: Any]] ?? []
        let format = object["format"] as? [String: Any]
        let video = streams.contains {
            $0["codec_type"] as? String == "video" && ((($0["disposition"] as? [String: Any])?["attached_pic"] as? Int) ?? 0) == 0
        }
        return ContainerProbeSummary(hasVideo: video, hasAudio: streams.contains { $0["codec_type"] as? String == "audio" },
                                     durationSeconds: (format?["duration"] as? String).flatMap(Double.init),
                                     formatName: format?["format_name"] as? String)
    }
}
