import LoreSystem

/// Makes fixtures with the real ffmpeg.
enum MediaFixtures {
    static func ffmpeg(_ args: [String]) async throws -> Bool {
        try await ProcessRunner.run("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-y"] + args).succeeded
    }
}
