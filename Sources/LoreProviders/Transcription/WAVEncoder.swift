import LoreCore

/// Encodes an `AudioBuffer` as a 16-bit PCM mono WAV file, the most widely accepted upload
/// format. Samples are clamped to [-1, 1]; non-finite samples become silence.
enum WAVEncoder {
    static func encode(_ samples: ArraySlice<Float>, sampleRate: Int) -> [UInt8] {
        let dataBytes = samples.count * 2
        var bytes = [UInt8]()
        bytes.reserveCapacity(44 + dataBytes)
        func append(_ text: String) { bytes.append(contentsOf: Array(text.utf8)) }
        func append32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        func append16(_ value: UInt16) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        append("RIFF"); append32(UInt32(36 + dataBytes)); append("WAVE")
        append("fmt "); append32(16); append16(1); append16(1)
        append32(UInt32(sampleRate)); append32(UInt32(sampleRate * 2)); append16(2); append16(16)
        append("data"); append32(UInt32(dataBytes))
        for sample in samples {
            let clean = sample.isFinite ? min(max(sample, -1), 1) : 0
            append16(UInt16(bitPattern: Int16((clean * 32767).rounded())))
        }
        return bytes
    }
}
