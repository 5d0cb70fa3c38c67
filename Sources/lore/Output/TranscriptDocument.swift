import LoreCore

/// The JSON shape of `lore transcribe --json`:
/// `{"language", "duration", "text", "source", "segments": [{"start", "end", "text", "speaker"}]}`.
/// Missing values are written as `null`, so every key is always present.
struct TranscriptDocument: Encodable {
    let transcript: Transcript

    private enum Keys: String, CodingKey { case language, duration, text, source, segments }
    private enum SegmentKeys: String, CodingKey { case start, end, text, speaker }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(transcript.language, forKey: .language)
        try container.encode(rounded(transcript.duration), forKey: .duration)
        try container.encode(transcript.text, forKey: .text)
        switch transcript.source {
        case .model(let name): try container.encode("model:\(name)", forKey: .source)
        case .provided(let format): try container.encode("provided:\(format)", forKey: .source)
        }
        var segments = container.nestedUnkeyedContainer(forKey: .segments)
        for segment in transcript.segments {
            var item = segments.nestedContainer(keyedBy: SegmentKeys.self)
            try item.encode(rounded(segment.start), forKey: .start)
            try item.encode(rounded(segment.end), forKey: .end)
            try item.encode(segment.text, forKey: .text)
            try item.encode(segment.speaker, forKey: .speaker)
        }
    }

    /// Milliseconds are all a timestamp needs; it keeps 0.1 + 0.2 noise out of the JSON.
    private func rounded(_ seconds: Double) -> Double { (seconds * 1000).rounded() / 1000 }
}
