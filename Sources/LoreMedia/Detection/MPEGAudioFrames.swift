/// MPEG audio (MP3 without an ID3 tag) and ADTS AAC, recognised by two consecutive frame
/// headers: one 11-bit sync word is too common in random bytes to decide alone.
enum MPEGAudioFrames {
    static func classify(_ b: [UInt8]) -> DetectedType? {
        guard b.count >= 4, b[0] == 0xFF, b[1] & 0xE0 == 0xE0 else { return nil }
        if b[1] & 0xF6 == 0xF0, let length = adtsFrameLength(b, at: 0), isADTS(b, at: length) {
            return .audio("audio/aac")
        }
        guard let length = mpegFrameLength(b, at: 0) else { return nil }
        return mpegFrameLength(b, at: length) != nil ? .audio("audio/mpeg") : nil
    }

    private static let bitratesV1L3 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
    private static let bitratesV1L2 = [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384]
    private static let bitratesV2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]

    /// Length of the Layer II/III frame whose header starts at `offset`, if it is one.
    static func mpegFrameLength(_ b: [UInt8], at offset: Int) -> Int? {
        guard offset + 4 <= b.count, b[offset] == 0xFF, b[offset + 1] & 0xE0 == 0xE0 else { return nil }
        let version = (b[offset + 1] >> 3) & 0x03  // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
        let layer = (b[offset + 1] >> 1) & 0x03    // 1 = III, 2 = II
        let bitrateIndex = Int(b[offset + 2] >> 4)
        let rateIndex = Int((b[offset + 2] >> 2) & 0x03)
        let padding = Int((b[offset + 2] >> 1) & 0x01)
        guard version != 1, layer == 1 || layer == 2, bitrateIndex != 0, bitrateIndex != 15, rateIndex != 3 else { return nil }
        let baseRates = [44_100, 48_000, 32_000]
        let sampleRate = version == 3 ? baseRates[rateIndex] : version == 2 ? baseRates[rateIndex] / 2 : baseRates[rateIndex] / 4
        let kbps = version == 3 ? (layer == 1 ? bitratesV1L3 : bitratesV1L2)[bitrateIndex] : bitratesV2[bitrateIndex]
        let samples = (version != 3 && layer == 1) ? 72 : 144
        let length = samples * kbps * 1000 / sampleRate + padding
        return length > 4 ? offset + length : nil
    }

    private static func adtsFrameLength(_ b: [UInt8], at offset: Int) -> Int? {
        guard offset + 7 <= b.count else { return nil }
        let length = Int(b[offset + 3] & 0x03) << 11 | Int(b[offset + 4]) << 3 | Int(b[offset + 5] >> 5)
        return length > 7 ? offset + length : nil
    }

    private static func isADTS(_ b: [UInt8], at offset: Int) -> Bool {
        offset + 2 <= b.count && b[offset] == 0xFF && b[offset + 1] & 0xF6 == 0xF0
    }
}
