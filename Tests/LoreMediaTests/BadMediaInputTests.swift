import Foundation
import Testing
import LoreCore
import LoreInference
@testable import LoreMedia

#if canImport(Glibc)
import Glibc
#endif

/// Hostile and broken files: each gets a precise error or bounded processing, touches nothing
/// beyond its own bytes, and leaves the engines usable.
@Suite struct BadMediaInputTests {
    private func expectCode(_ code: ErrorCode, _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("expected \(code.rawValue), got success")
        } catch let error as LoreError {
            #expect(error.code == code, "\(error)")
        } catch {
            Issue.record("expected \(code.rawValue), got \(error)")
        }
    }

    /// Checks that the engines still work after a bad input.
    private func expectEnginesStillWork() async throws {
        let probe = try await MediaProbe().probe(fileAt: try await SharedFixtures.shared.deckVideo())
        #expect(probe.primaryVideo != nil)
        let text = try await VideoFixtures.ocrEngine.recognize(
            try await ImageFileLoader().load(fileAt: try await SharedFixtures.shared.deckVideo(), time: 3),
            options: OCROptions(hint: .videoFrame, detectOrientation: false))
        #expect(text.text.contains("Quarterly"))
    }

    @Test func playlistsPointingAtLocalFilesAndURLsAreRefusedUnread() async throws {
        let folder = try VideoFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A FIFO nobody writes to: opening it for reading would block until the time limit,
        // so a quick refusal proves it was never opened.
        let fifo = folder.appendingPathComponent("trap.ts").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let listener = try LocalListener()
        let targets = ["file:///etc/passwd", "file://\(fifo)", "http://127.0.0.1:\(listener.port)/x.ts", "http://127.0.0.1:1/x"]
        for (index, target) in targets.enumerated() {
            let playlist = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n#EXTINF:10.0,\n\(target)\n#EXT-X-ENDLIST\n"
            for name in ["video\(index).mp4", "stream\(index).m3u8"] {
                let path = folder.appendingPathComponent(name).path
                try Data(playlist.utf8).write(to: URL(fileURLWithPath: path))
                await expectCode(.mediaExternalReference) { _ = try await MediaProbe().probe(fileAt: path) }
                // ffmpeg itself, without the probe's sniffing, refuses the demuxer too.
                await #expect(throws: LoreError.self) { _ = try await AudioDecoder().decode(fileAt: path) }
            }
        }
        #expect(!listener.receivedConnection())
        try await expectEnginesStillWork()
    }

    @Test func tracksStoredInOtherFilesAreRefused() async throws {
        let folder = try VideoFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = folder.appendingPathComponent("plain.mp4").path
        try await VideoFixtures.slideVideo(at: plain, slides: Array(VideoFixtures.deck.prefix(1)), duration: 2, width: 320, height: 180)
        // The alias names a FIFO: were it opened, the run would block until its time limit.
        let fifo = folder.appendingPathComponent("elsewhere.mov").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let bytes = try ExternalTrackFixture.referencing(fifo, in: [UInt8](try Data(contentsOf: URL(fileURLWithPath: plain))))
        let reference = folder.appendingPathComponent("reference.mov").path
        try Data(bytes).write(to: URL(fileURLWithPath: reference))
        // Opening the FIFO would end in a timeout error, not this code.
        await expectCode(.mediaExternalReference) { _ = try await MediaProbe().probe(fileAt: reference) }
    }

    @Test func concatListsAreRefused() async throws {
        let folder = try VideoFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("list.mp4").path
        try Data("ffconcat version 1.0\nfile '/etc/passwd'\nfile 'http://127.0.0.1:1/x'\n".utf8).write(to: URL(fileURLWithPath: path))
        await expectCode(.mediaExternalReference) { _ = try await MediaProbe().probe(fileAt: path) }
        // Past the sniffing (a leading comment line), ffmpeg's whitelist still names the demuxer.
        try Data("# list\nffconcat version 1.0\nfile '/etc/passwd'\n".utf8).write(to: URL(fileURLWithPath: path))
        await #expect(throws: LoreError.self) { _ = try await MediaProbe().probe(fileAt: path) }
    }

    @Test func emptyAndRandomFilesAreCorrupt() async throws {
        let folder = try VideoFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = folder.appendingPathComponent("empty.mp4").path
        FileManager.default.createFile(atPath: empty, contents: Data())
        await expectCode(.mediaCorrupt) { _ = try await MediaProbe().probe(fileAt: empty) }
        // Deterministic noise (a linear congruential generator), under two names.
        var state: UInt32 = 12345
        let noise = (0..<65_536).map { _ -> UInt8 in
            state = state &* 1_664_525 &+ 1_013_904_223
            return UInt8(truncatingIfNeeded: state >> 24)
        }
        for name in ["noise.mp4", "noise.bin"] {
            let path = folder.appendingPathComponent(name).path
            try Data(noise).write(to: URL(fileURLWithPath: path))
            do {
                _ = try await MediaProbe().probe(fileAt: path)
                Issue.record("random bytes were accepted as media")
            } catch let error as LoreError {
                #expect([ErrorCode.mediaCorrupt, .mediaUnsupportedContainer, .mediaNoStreams].contains(error.code), "\(error)")
            }
        }
        await expectCode(.notFound) { _ = try await MediaProbe().probe(fileAt: folder.appendingPathComponent("missing.mp4").path) }
        await expectCode(.notFound) { _ = try await MediaProbe().probe(fileAt: folder.path) }
        try await expectEnginesStillWork()
    }

    @Test func truncatedMP4WithoutIndexIsCorrupt() async throws {
        let folder = try VideoFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let whole = folder.appendingPathComponent("whole.mp4").path
        try await VideoFixtures.slideVideo(at: whole, slides: Array(VideoFixtures.deck.prefix(2)), duration: 12, width: 640, height: 360)
        let data = try Data(contentsOf: URL(fileURLWithPath: whole))
        // ffmpeg writes the index (moov) last: half a file has none.
        let cut = folder.appendingPathComponent("cut.mp4").path
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: cut))
        await expectCode(.mediaCorrupt) { _ = try await MediaProbe().probe(fileAt: cut) }
    }

    @Test func truncatedFaststartMP4YieldsTheFramesBeforeTheCut() async throws {
        let folder = try VideoFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let whole = folder.appendingPathComponent("whole.mp4").path
        try await VideoFixtures.slideVideo(at: whole, slides: Array(VideoFixtures.deck.prefix(2)), duration: 12,
                                           width: 640, height: 360, extra: ["-movflags", "+faststart"])
        let data = try Data(contentsOf: URL(fileURLWithPath: whole))
        let cut = folder.appendingPathComponent("cut.mp4").path
        try data.prefix(data.count * 6 / 10).write(to: URL(fileURLWithPath: cut))
        let probe = try await MediaProbe().probe(fileAt: cut)
        let work = folder.appendingPathComponent("work").path
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        var options = KeyFrameOptions()
        options.workDirectory = work
        let frames = try await KeyFrameExtractor(hasher: VideoFixtures.hasher, options: options).extract(fileAt: cut, probe: probe)
        #expect(!frames.isEmpty)
        #expect(frames.allSatisfy { $0.time < 12 })
        #expect(try FileManager.default.contentsOfDirectory(atPath: work).isEmpty)
    }

    @Test func filesWithoutAudioOrVideoAreRefused() async throws {
        let folder = try VideoFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let srt = folder.appendingPathComponent("cues.srt")
        try Data(VideoFixtures.subRip.utf8).write(to: srt)
        let path = folder.appendingPathComponent("only-subtitles.mkv").path
        try await VideoFixtures.ffmpeg(["-i", srt.path, "-c:s", "srt", path])
        await expectCode(.mediaNoStreams) { _ = try await MediaProbe().probe(fileAt: path) }
    }

    @Test func videoAnalysisNeedsAVideoStream() async throws {
        let folder = try VideoFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("tone.m4a").path
        try await VideoFixtures.ffmpeg(["-f", "lavfi", "-i", "sine=duration=1", "-c:a", "aac", path])
        let analysis = VideoAnalysis(hasher: VideoFixtures.hasher, ocrEngine: VideoFixtures.ocrEngine)
        await expectCode(.mediaNoVideoStream) { _ = try await analysis.analyze(fileAt: path) }
    }

    @Test func tenHoursOfSilenceAreRefusedBeforeDecoding() async throws {
        let folder = try VideoFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // 10 h of silence at 1 kHz, FLAC: about 3 MB, made in about a second.
        let path = folder.appendingPathComponent("silence.flac").path
        try await VideoFixtures.ffmpeg(["-f", "lavfi", "-i", "anullsrc=r=1000:cl=mono", "-t", "36000", "-c:a", "flac", path])
        await expectCode(.mediaTooLong) { _ = try await MediaProbe().probe(fileAt: path) }
        // Allowed by a longer policy, it probes; the decoder then refuses it from the probe alone.
        let probe = try await MediaProbe(policy: MediaContainerPolicy(maxDuration: 11 * 3600)).probe(fileAt: path)
        #expect(abs((probe.duration ?? 0) - 36_000) < 1)
        await expectCode(.audioTooLong) { _ = try await AudioDecoder().decode(fileAt: path, probe: probe) }

        // A WAV header that claims 10 h over 0.1 s of data is read as what it holds.
        let wav = folder.appendingPathComponent("claims-ten-hours.wav").path
        try Data(Self.wavHeader(sampleRate: 16_000, dataBytes: 36_000 * 16_000 * 2) + [UInt8](repeating: 0, count: 3200))
            .write(to: URL(fileURLWithPath: wav))
        let claimed = try await MediaProbe().probe(fileAt: wav)
        #expect((claimed.duration ?? 0) < 1)
        let audio = try await AudioDecoder().decode(fileAt: wav, probe: claimed)
        #expect(audio.duration < 1)
        try await expectEnginesStillWork()
    }

    @Test func framesLargerThanThePolicyAreRefused() async throws {
        let policy = MediaContainerPolicy(maxFramePixels: 640 * 480)
        await expectCode(.mediaFrameTooLarge) {
            _ = try await MediaProbe(policy: policy).probe(fileAt: try await SharedFixtures.shared.deckVideo())
        }
    }

    @Test func containersOutsideTheAllowListAreRefused() async throws {
        let folder = try VideoFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A GIF is a fine animation, but not a container Lore ingests as video; a still image
        // would go through ffmpeg's image demuxers; text through its `tty` demuxer.
        let gif = folder.appendingPathComponent("animation.gif").path
        try await VideoFixtures.ffmpeg(["-f", "lavfi", "-i", "testsrc=size=64x48:rate=5:duration=1", gif])
        let png = folder.appendingPathComponent("still.png").path
        try await VideoFixtures.ffmpeg(["-f", "lavfi", "-i", "testsrc=size=64x48", "-frames:v", "1", png])
        for path in [gif, png] {
            await expectCode(.mediaUnsupportedContainer) { _ = try await MediaProbe().probe(fileAt: path) }
        }
        // ffmpeg's tty demuxer does not claim this text, so nothing recognises it at all.
        let text = folder.appendingPathComponent("notes.txt").path
        try Data("Meeting notes: nothing to decode here.\n".utf8).write(to: URL(fileURLWithPath: text))
        await expectCode(.mediaCorrupt) { _ = try await MediaProbe().probe(fileAt: text) }
        // And a policy narrower than the default refuses an MP4 from ffmpeg's own whitelist.
        let narrow = MediaContainerPolicy(allowedDemuxers: ["matroska"])
        await expectCode(.mediaUnsupportedContainer) {
            _ = try await MediaProbe(policy: narrow).probe(fileAt: try await SharedFixtures.shared.deckVideo())
        }
    }

    static func wavHeader(sampleRate: UInt32, dataBytes: UInt32) -> [UInt8] {
        func le32(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }
        func le16(_ value: UInt16) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }
        return Array("RIFF".utf8) + le32(36 &+ dataBytes) + Array("WAVEfmt ".utf8) + le32(16) + le16(1) + le16(1)
            + le32(sampleRate) + le32(sampleRate * 2) + le16(2) + le16(16) + Array("data".utf8) + le32(dataBytes)
    }
}

/// A TCP listener on 127.0.0.1 that only records whether anybody connected.
final class LocalListener {
    let descriptor: Int32
    let port: UInt16

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard descriptor >= 0, bound == 0, listen(descriptor, 4) == 0 else {
            if descriptor >= 0 { close(descriptor) }
            throw LoreError(.internalError, "cannot listen on 127.0.0.1")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        self.descriptor = descriptor
        self.port = UInt16(bigEndian: address.sin_port)
    }

    /// True when a connection is waiting (nobody should ever connect).
    func receivedConnection() -> Bool {
        let client = accept(descriptor, nil, nil)
        if client >= 0 { close(client); return true }
        return false
    }

    deinit { close(descriptor) }
}
