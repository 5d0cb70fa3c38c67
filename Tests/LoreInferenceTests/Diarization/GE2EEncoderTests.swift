import Foundation
import Testing
import LoreCore
@testable import LoreInference

/// Reference figures were computed with librosa 0.10.2 (`librosa.feature.melspectrogram(y,
/// sr=16000, n_fft=400, hop_length=160, n_mels=40)`) and a numpy re-implementation of the
/// PyTorch LSTM on the same converted weights, for the signal below.
@Suite struct GE2EEncoderTests {
    /// 0.3·sin(440 Hz) + 0.2·sin(1234.5 Hz + 0.5) + 0.1·t·sin(3 kHz), at 16 kHz.
    private func testSignal(_ count: Int) -> [Float] {
        (0..<count).map { n in
            let t = Double(n) / 16_000
            return Float(0.3 * sin(2 * .pi * 440 * t) + 0.2 * sin(2 * .pi * 1234.5 * t + 0.5) + 0.1 * sin(2 * .pi * 3000 * t) * t)
        }
    }

    @Test func melPowersMatchLibrosa() {
        let features = MelSpectrogram()
        let mel = features.compute(testSignal(25_600))
        #expect(mel.count == 161 * 40)
        let expected: [(frame: Int, channel: Int, value: Float)] = [
            (0, 0, 0.120993), (0, 5, 4.79336), (0, 15, 1.63903), (0, 24, 0.0010778),
            (80, 5, 14.7879), (80, 15, 4.19269), (80, 27, 0.379365), (80, 28, 0.0340161),
            (160, 5, 4.93579), (160, 12, 0.0219173), (160, 27, 0.629498), (160, 30, 0.00129682),
        ]
        for item in expected {
            let value = mel[item.frame * 40 + item.channel]
            #expect(abs(value - item.value) <= 2e-5 + 1e-4 * item.value, "frame \(item.frame) channel \(item.channel): \(value)")
        }
    }

    @Test func slaneyFilterBankMatchesLibrosa() {
        // librosa.filters.mel(sr=16000, n_fft=400, n_mels=40): a few non-zero weights.
        let bank = MelSpectrogram.slaneyFilterBank(sampleRate: 16_000, fftSize: 400, melCount: 40)
        let expected: [(channel: Int, bin: Int, weight: Double)] = [
            (0, 1, 0.007390209369789013), (0, 2, 0.012404520785440257), (0, 3, 0.005014311415651245),
            (20, 41, 0.0008176397255735602), (20, 44, 0.007191917266070278), (20, 47, 0.0006775986018475552),
            (39, 172, 2.0722595063097148e-05), (39, 185, 0.0017249403216904572), (39, 199, 0.00012151539224792944),
        ]
        for item in expected {
            #expect(abs(bank[item.channel * 201 + item.bin] - item.weight) < 1e-12 + 1e-9 * item.weight)
        }
        #expect(bank[0 * 201 + 4] == 0 && bank[20 * 201 + 40] == 0 && bank[20 * 201 + 48] == 0 && bank[39 * 201 + 200] == 0)
    }

    @Test func embeddingsMatchTheNumpyReference() async throws {
        let encoder = try await SharedFixtures.diarizer.value.encoder
        let long = try encoder.embedUtterance(testSignal(40_000))  // two partials
        for (index, value) in [(203, Float(0.248238)), (9, 0.223152), (125, 0.198729), (133, 0.176118), (6, 0.119421), (2, 0.0223908), (0, 0)] {
            #expect(abs(long[index] - value) < 1e-3, "dimension \(index): \(long[index])")
        }
        let short = try encoder.embedUtterance(testSignal(3_200))  // one zero-padded partial
        for (index, value) in [(20, Float(0.250335)), (252, 0.218109), (104, 0.198005), (0, 0.13555)] {
            #expect(abs(short[index] - value) < 1e-3, "dimension \(index): \(short[index])")
        }
        #expect(abs(long.reduce(0) { $0 + $1 * $1 } - 1) < 1e-5)
    }

    @Test func sameVoiceIsCloserThanAnotherVoice() async throws {
        let encoder = try await SharedFixtures.diarizer.value.encoder
        let lines = SpeechFixtures.lines
        let a1 = try encoder.embedUtterance(await SpeechFixtures.speech(lines[0], voice: SpeechFixtures.voiceA, wordsPerMinute: 175).samples)
        let a2 = try encoder.embedUtterance(await SpeechFixtures.speech(lines[3], voice: SpeechFixtures.voiceA, wordsPerMinute: 175).samples)
        let b1 = try encoder.embedUtterance(await SpeechFixtures.speech(lines[0], voice: SpeechFixtures.voiceB, wordsPerMinute: 175).samples)
        let b2 = try encoder.embedUtterance(await SpeechFixtures.speech(lines[3], voice: SpeechFixtures.voiceB, wordsPerMinute: 175).samples)
        let same = min(EmbeddingMath.dot(a1, a2), EmbeddingMath.dot(b1, b2))
        let different = max(EmbeddingMath.dot(a1, b1), EmbeddingMath.dot(a2, b2), EmbeddingMath.dot(a1, b2))
        #expect(same > different + 0.03, "same voice \(same), different voices \(different)")
    }
}
