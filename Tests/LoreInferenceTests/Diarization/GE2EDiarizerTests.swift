import Foundation
import Testing
import LoreCore
import LoreMedia
@testable import LoreInference

@Suite struct GE2EDiarizerTests {
    private func speakers(_ turns: [SpeakerTurn]) -> Set<String> { Set(turns.map(\.speaker)) }

    @Test func findsTwoVoicesAndWhenTheyTalk() async throws {
        let (audio, reference) = try await SharedFixtures.twoVoices.value
        let turns = try await SharedFixtures.diarizer.value.diarize(audio, speech: nil, speakerCount: nil)
        #expect(speakers(turns) == ["S1", "S2"])
        #expect(turns.first?.speaker == "S1")
        let score = DiarizationErrorRate.score(reference: reference, hypothesis: turns)
        #expect(score.errorRate < 0.10, "DER \(score.errorRate): \(turns)")
        #expect(score.mapping["S1"] == SpeechFixtures.voiceA)
        // Every true change of speaker has a hypothesis boundary within 0.5 s.
        let boundaries = turns.flatMap { [$0.start, $0.end] }
        for change in reference.dropFirst().map(\.start) {
            #expect(boundaries.contains { abs($0 - change) < 0.5 }, "no boundary near \(change)")
        }
    }

    @Test func honoursAKnownSpeakerCount() async throws {
        let (audio, _) = try await SharedFixtures.twoVoices.value
        let diarizer = try await SharedFixtures.diarizer.value
        let one = try await diarizer.diarize(audio, speech: nil, speakerCount: 1)
        #expect(speakers(one) == ["S1"])
        let two = try await diarizer.diarize(audio, speech: nil, speakerCount: 2)
        #expect(speakers(two) == ["S1", "S2"])
    }

    @Test func threeVoicesWithTheirCountGiven() async throws {
        let voices = [SpeechFixtures.voiceA, SpeechFixtures.voiceB, SpeechFixtures.voiceC]
        let (audio, reference) = try await SpeechFixtures.conversation(voices: voices)
        let turns = try await SharedFixtures.diarizer.value.diarize(audio, speech: nil, speakerCount: 3)
        #expect(speakers(turns) == ["S1", "S2", "S3"])
        let score = DiarizationErrorRate.score(reference: reference, hypothesis: turns)
        #expect(score.errorRate < 0.15, "DER \(score.errorRate): \(turns)")
    }

    @Test func oneVoiceIsOneSpeaker() async throws {
        let lines = Array(SpeechFixtures.lines.prefix(4))
        let (audio, _) = try await SpeechFixtures.conversation(voices: [SpeechFixtures.voiceB], lines: lines)
        let turns = try await SharedFixtures.diarizer.value.diarize(audio, speech: nil, speakerCount: nil)
        #expect(!turns.isEmpty)
        #expect(speakers(turns) == ["S1"])
    }

    @Test func givenSpeechRegionsAreLabelledAndSplitAtSpeakerChanges() async throws {
        let (audio, reference) = try await SharedFixtures.twoVoices.value
        // One region over the first two lines (a change of speaker inside it), one over the rest.
        let regions = [TimeRange(start: reference[0].start, end: reference[1].end),
                       TimeRange(start: reference[2].start, end: reference[5].end)]
        let turns = try await SharedFixtures.diarizer.value.diarize(audio, speech: regions, speakerCount: nil)
        #expect(speakers(turns) == ["S1", "S2"])
        for turn in turns {
            #expect(regions.contains { $0.start <= turn.start + 1e-9 && turn.end <= $0.end + 1e-9 })
        }
        let firstRegion = turns.filter { $0.end <= regions[0].end + 1e-9 }
        #expect(Set(firstRegion.map(\.speaker)).count == 2)
    }

    @Test func silenceHasNoTurns() async throws {
        let diarizer = try await SharedFixtures.diarizer.value
        let digitalSilence = AudioBuffer(samples: [Float](repeating: 0, count: 16_000 * 5))
        #expect(try await diarizer.diarize(digitalSilence, speech: nil, speakerCount: nil).isEmpty)
        var generator = SystemRandomNumberGenerator()
        let hiss = AudioBuffer(samples: (0..<16_000 * 5).map { _ in Float.random(in: -1e-4...1e-4, using: &generator) })
        #expect(try await diarizer.diarize(hiss, speech: nil, speakerCount: nil).isEmpty)
        #expect(try await diarizer.diarize(AudioBuffer(samples: []), speech: nil, speakerCount: nil).isEmpty)
        #expect(try await diarizer.diarize(AudioBuffer(samples: []), speech: [TimeRange(start: 0, end: 1)], speakerCount: nil).isEmpty)
    }

    @Test func aFifthOfASecond() async throws {
        let (audio, reference) = try await SharedFixtures.twoVoices.value
        let start = Int(reference[0].start * 16_000) + 8_000
        let clip = AudioBuffer(samples: Array(audio.samples[start ..< start + 3_200]))
        let diarizer = try await SharedFixtures.diarizer.value
        let detected = try await diarizer.diarize(clip, speech: nil, speakerCount: nil)
        #expect(speakers(detected).count <= 1)
        let given = try await diarizer.diarize(clip, speech: [TimeRange(start: 0, end: 0.2)], speakerCount: 2)
        #expect(given == [SpeakerTurn(start: 0, end: 0.2, speaker: "S1")])
        let tiny = AudioBuffer(samples: Array(audio.samples[start ..< start + 400]))
        #expect(try await diarizer.diarize(tiny, speech: [TimeRange(start: 0, end: 1)], speakerCount: nil).map(\.speaker) == ["S1"])
    }

    @Test func telephoneAndSixChannelFilesThroughTheDecoder() async throws {
        let (audio, reference) = try await SharedFixtures.twoVoices.value
        let folder = try SpeechFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let telephone = folder.appendingPathComponent("phone.wav").path
        try await SpeechFixtures.writeAudio(audio, to: telephone, outputOptions: [
            "-af", "highpass=f=300,lowpass=f=3400", "-ar", "8000", "-c:a", "pcm_mulaw"])
        let surround = folder.appendingPathComponent("surround.flac").path
        try await SpeechFixtures.writeAudio(audio, to: surround, outputOptions: ["-ac", "6", "-ar", "48000"])
        let diarizer = try await SharedFixtures.diarizer.value
        for file in [telephone, surround] {
            let decoded = try await AudioDecoder().decode(fileAt: file)
            #expect(decoded.sampleRate == 16_000)
            let turns = try await diarizer.diarize(decoded, speech: nil, speakerCount: nil)
            let score = DiarizationErrorRate.score(reference: reference, hypothesis: turns)
            #expect(speakers(turns).count == 2, "\(file): \(turns)")
            #expect(score.errorRate < 0.2, "\(file): DER \(score.errorRate)")
        }
    }

    @Test func badFilesGiveTypedErrorsAndTheDiarizerStaysUsable() async throws {
        let (audio, _) = try await SharedFixtures.twoVoices.value
        let folder = try SpeechFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let wav = folder.appendingPathComponent("talk.wav").path
        try await SpeechFixtures.writeAudio(audio, to: wav, outputOptions: [])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: wav))
        let truncated = folder.appendingPathComponent("truncated.wav")
        try bytes.prefix(30).write(to: truncated)
        let noise = folder.appendingPathComponent("noise.mp3")
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 7) }).write(to: noise)
        let diarizer = try await SharedFixtures.diarizer.value
        for file in [truncated, noise] {
            do {
                let decoded = try await AudioDecoder().decode(fileAt: file.path)
                _ = try await diarizer.diarize(decoded, speech: nil, speakerCount: nil)
            } catch let error as LoreError {
                #expect(error.code == .audioDecodeFailed, "\(file.lastPathComponent): \(error)")
            }
        }
        let halfFile = folder.appendingPathComponent("half.wav")
        try bytes.prefix(bytes.count / 2).write(to: halfFile)
        let half = try await AudioDecoder().decode(fileAt: halfFile.path)
        #expect(!(try await diarizer.diarize(half, speech: nil, speakerCount: nil)).isEmpty)
        #expect(speakers(try await diarizer.diarize(audio, speech: nil, speakerCount: nil)) == ["S1", "S2"])
    }

    @Test func rejectsWhatItCannotTake() async throws {
        let diarizer = try await SharedFixtures.diarizer.value
        let narrowband = AudioBuffer(sampleRate: 8_000, samples: [Float](repeating: 0.1, count: 8_000))
        await #expect { try await diarizer.diarize(narrowband, speech: nil, speakerCount: nil) } throws: {
            ($0 as? LoreError)?.code == .diarizationUnsupportedAudio
        }
        let (audio, _) = try await SharedFixtures.twoVoices.value
        for count in [0, -1, 1_000] {
            await #expect { try await diarizer.diarize(audio, speech: nil, speakerCount: count) } throws: {
                ($0 as? LoreError)?.code == .invalidArgument
            }
        }
        var short = GE2EDiarizer.Configuration()
        short.maximumDuration = 10
        let bounded = GE2EDiarizer(encoder: diarizer.encoder, configuration: short)
        await #expect { try await bounded.diarize(audio, speech: nil, speakerCount: nil) } throws: {
            ($0 as? LoreError)?.code == .diarizationAudioTooLong
        }
    }

    @Test func survivesNonFiniteSamplesAndOddRegions() async throws {
        let (audio, _) = try await SharedFixtures.twoVoices.value
        var samples = audio.samples
        for index in Swift.stride(from: 1_000, to: samples.count, by: 7_919) { samples[index] = index % 2 == 0 ? .nan : .infinity }
        let diarizer = try await SharedFixtures.diarizer.value
        let turns = try await diarizer.diarize(AudioBuffer(samples: samples), speech: nil, speakerCount: nil)
        #expect(speakers(turns) == ["S1", "S2"])
        let odd = [TimeRange(start: -5, end: 2), TimeRange(start: .nan, end: 3), TimeRange(start: 9, end: 4),
                   TimeRange(start: 1, end: 3), TimeRange(start: audio.duration - 1, end: audio.duration + 50)]
        let clipped = try await diarizer.diarize(audio, speech: odd, speakerCount: nil)
        #expect(clipped.allSatisfy { $0.start >= 0 && $0.end <= audio.duration && $0.end > $0.start })
    }
}
