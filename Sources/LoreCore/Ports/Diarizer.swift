/// A stretch of time attributed to one speaker.
public struct SpeakerTurn: Sendable, Hashable, Codable {
    public var start: Double
    public var end: Double
    public var speaker: String
    public init(start: Double, end: Double, speaker: String) {
        self.start = start
        self.end = end
        self.speaker = speaker
    }
}

/// Who spoke when. Input is 16 kHz mono PCM; `speech` optionally gives the regions to label
/// (for example Whisper segments); `speakerCount` forces the number of clusters when known.
public protocol Diarizer: Sendable {
    func diarize(_ audio: AudioBuffer, speech: [TimeRange]?, speakerCount: Int?) async throws -> [SpeakerTurn]
}
