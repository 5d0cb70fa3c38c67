import Foundation

/// The part of `ffprobe -of json -show_format -show_streams` that Lore reads. ffprobe prints
/// most numbers as strings; fields it could not determine are absent.
struct FFprobeReport: Decodable {
    struct Format: Decodable {
        var format_name: String?
        var duration: String?
        var bit_rate: String?
    }

    struct SideData: Decodable {
        var side_data_type: String?
        /// Counter-clockwise degrees for a display matrix.
        var rotation: Double?
    }

    struct Disposition: Decodable {
        var attached_pic: Int?
    }

    struct Stream: Decodable {
        var index: Int
        var codec_type: String?
        var codec_name: String?
        var width: Int?
        var height: Int?
        var avg_frame_rate: String?
        var r_frame_rate: String?
        var sample_rate: String?
        var channels: Int?
        var duration: String?
        var tags: [String: String]?
        var side_data_list: [SideData]?
        var disposition: Disposition?

        func tag(_ name: String) -> String? {
            tags?.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
                .trimmingCharacters(in: .whitespacesAndNewlines)
                .nilIfEmpty
        }
    }

    var format: Format?
    var streams: [Stream]?

    /// "30000/1001" → 29.97; "0/0" or garbage → nil.
    static func rational(_ text: String?) -> Double? {
        guard let text else { return nil }
        let parts = text.split(separator: "/")
        if parts.count == 2, let numerator = Double(parts[0]), let denominator = Double(parts[1]), denominator != 0 {
            let value = numerator / denominator
            return value.isFinite && value > 0 ? value : nil
        }
        return Double(text).flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
    }

    /// A finite, non-negative number of seconds, or nil.
    static func seconds(_ text: String?) -> Double? {
        guard let text, let value = Double(text), value.isFinite, value >= 0 else { return nil }
        return value
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
