import Foundation
import Testing
import LoreCore
@testable import LoreMedia

@Suite struct AudioDecoderTests {
    @Test func decodesATone() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lore-audio-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("tone.ogg").path
        let made = try await MediaFixtures.ffmpeg(["-f", "lavfi", "-i", "sine=frequency=440:duration=1.5:sample_rate=44100", "-ac", "2", file])
        #expect(made)
        let audio = try await AudioDecoder().decode(fileAt: file)
        #expect(audio.sampleRate == 16_000)
        #expect(abs(audio.duration - 1.5) < 0.05)
        #expect(audio.samples.map(abs).max()! > 0.1)
    }

    @Test func rejectsBytesThatAreNotAudio() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("lore-noise-\(UUID().uuidString).mp3")
        try Data("this is not an mp3 file at all".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        await #expect(throws: LoreError.self) { _ = try await AudioDecoder().decode(fileAt: file.path) }
    }
}
