import Foundation
import Testing
import LoreCore
@testable import LoreMedia

@Suite struct MediaProbeTests {
    @Test func readsContainerStreamsAndDuration() async throws {
        let probe = try await MediaProbe().probe(fileAt: try await SharedFixtures.shared.deckVideo())
        #expect(probe.demuxer == "mov")
        #expect(probe.formatName.contains("mp4"))
        #expect(abs((probe.duration ?? 0) - VideoFixtures.deckDuration) < 0.2)
        #expect((probe.bitRate ?? 0) > 0)
        let video = try #require(probe.primaryVideo)
        #expect(video.codec == "h264")
        #expect(video.width == 1600 && video.height == 900)
        #expect(abs((video.frameRate ?? 0) - 10) < 0.01)
        #expect(video.rotation == 0 && !video.isAttachedPicture)
        let audio = try #require(probe.audioStreams.first)
        #expect(audio.codec == "aac")
        #expect(audio.channels == 1 && audio.sampleRate == 16_000)
        #expect(probe.subtitleStreams.isEmpty)
    }

    @Test(arguments: [("mkv", "srt", "subrip"), ("mp4", "mov_text", "mov_text")])
    func readsSubtitleStreams(container: String, codec: String, expected: String) async throws {
        let folder = try VideoFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("subtitled.\(container)").path
        try await VideoFixtures.subtitledVideo(at: path, in: folder, codec: codec)
        let probe = try await MediaProbe().probe(fileAt: path)
        let subtitle = try #require(probe.subtitleStreams.first)
        #expect(subtitle.codec == expected)
        #expect(subtitle.language == "deu")
        #expect(subtitle.isText)
        if container == "mkv" { #expect(subtitle.title == "German") }
        #expect(probe.audioStreams.isEmpty)
    }

    @Test func audioOnlyFilesAreMediaToo() async throws {
        let folder = try VideoFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("tone.ogg").path
        try await VideoFixtures.ffmpeg(["-f", "lavfi", "-i", "sine=frequency=300:duration=2", "-c:a", "libvorbis", path])
        let probe = try await MediaProbe().probe(fileAt: path)
        #expect(probe.demuxer == "ogg")
        #expect(probe.primaryVideo == nil && probe.hasAudio)
        #expect(abs((probe.duration ?? 0) - 2) < 0.1)
    }

    @Test func demuxerNameIsReadFromFFmpegsLog() {
        #expect(MediaProbe.demuxerName(in: "[hls @ 0x55b17cd7b740] Format not on whitelist 'mov'") == "hls")
        #expect(MediaProbe.demuxerName(in: "no brackets here") == nil)
        #expect(MediaProbe.clock(36_000) == "10:00:00")
    }

    @Test func recognisesReferenceFormatsFromTheirFirstBytes() {
        func kind(_ text: String) -> String? { MediaContainerPolicy.referenceFormat(startingWith: Array(text.utf8)) }
        #expect(kind("#EXTM3U\n#EXTINF:1,\nx.ts") != nil)
        #expect(kind("\u{FEFF}#EXTM3U\n") != nil)
        #expect(kind("ffconcat version 1.0\nfile 'a.mp4'") != nil)
        #expect(kind("file '/etc/passwd'\n") != nil)
        #expect(kind("<?xml version=\"1.0\"?><MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\">") != nil)
        #expect(kind("[playlist]\nFile1=http://x") != nil)
        #expect(kind("\u{0}\u{0}\u{0} ftypisom") == nil)
    }
}
