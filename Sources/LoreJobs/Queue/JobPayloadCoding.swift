import Foundation
import LoreCore

/// Payloads travel as JSON: ISO-8601 dates, sorted keys, at most `maxBytes` encoded.
enum JobPayloadCoding {
    /// Largest payload a job may carry; bigger data belongs in the blob store, referenced by key.
    static let maxBytes = 256 * 1024

    static func encode<P: Encodable>(_ payload: P) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data: Data
        do {
            data = try encoder.encode(payload)
        } catch {
            throw LoreError(.invalidJobPayload, "the job payload cannot be encoded as JSON: \(error)")
        }
        try checkSize(data.count)
        return String(decoding: data, as: UTF8.self)
    }

    static func decode<P: Decodable>(_ type: P.Type, from json: String) throws -> P {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(type, from: Data(json.utf8))
        } catch let DecodingError.keyNotFound(key, _) {
            throw LoreError(.invalidJobPayload, "the job payload lacks the field \"\(key.stringValue)\"")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw LoreError(.invalidJobPayload, "the job payload's field \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type")
        } catch {
            throw LoreError(.invalidJobPayload, "the job payload is not valid JSON for this kind")
        }
    }

    static func checkSize(_ count: Int) throws {
        guard count <= maxBytes else {
            throw LoreError(.jobPayloadTooLarge, "the job payload has \(count) bytes; at most \(maxBytes) are allowed (store large data as a blob and pass its key)")
        }
    }
}
