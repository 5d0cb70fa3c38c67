import Foundation
import HTTPTypes
import Hummingbird
import LoreCore
import NIOCore

/// A request body whose JSON object may hold only the listed keys (unknown fields are errors,
/// so a misspelt option never silently does nothing).
protocol StrictRequest: Decodable {
    associatedtype Keys: CodingKey & CaseIterable
}

/// JSON in and out of the API: snake_case keys (declared by each type), ISO-8601 dates.
enum APIJSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Reads and decodes a strict JSON object body.
    static func decode<T: StrictRequest>(_ type: T.Type, from request: Request, context: LoreRequestContext) async throws -> T {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: context.maxUploadSize)
        } catch {
            throw LoreError(.payloadTooLarge, "the JSON body is larger than \(context.maxUploadSize) bytes")
        }
        return try decode(type, from: Data(buffer.readableBytesView))
    }

    static func decode<T: StrictRequest>(_ type: T.Type, from data: Data) throws -> T {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data.isEmpty ? Data("{}".utf8) : data)
        } catch {
            throw LoreError(.invalidJSON, "the body is not valid JSON")
        }
        guard let dictionary = object as? [String: Any] else {
            throw LoreError(.invalidJSON, "the body must be a JSON object")
        }
        let allowed = Set(T.Keys.allCases.map(\.stringValue))
        if let unknown = dictionary.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw LoreError(.unknownField, "unknown field \"\(unknown)\"; allowed: \(allowed.sorted().joined(separator: ", "))")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(T.self, from: data.isEmpty ? Data("{}".utf8) : data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw LoreError(.invalidArgument, "missing field \"\(key.stringValue)\"")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw LoreError(.invalidArgument, "field \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type")
        } catch let DecodingError.dataCorrupted(context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw LoreError(.invalidArgument, field.isEmpty ? "the body is not valid" : "field \"\(field)\" is not valid")
        } catch let error as LoreError {
            throw error
        } catch {
            throw LoreError(.invalidJSON, "the body could not be decoded")
        }
    }
}

extension Request {
    /// A query parameter parsed as an integer in `range`, `default` when absent.
    func integerQuery(_ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let raw = uri.queryParameters.get(name) else { return value }
        guard let number = Int(raw), range.contains(number) else {
            throw LoreError(.invalidArgument, "\(name) must be an integer between \(range.lowerBound) and \(range.upperBound)")
        }
        return number
    }

    /// Rejects query parameters this route does not know (a misspelt filter is an error).
    func allowOnlyQuery(_ names: Set<String>) throws {
        for (key, _) in uri.queryParameters where !names.contains(String(key)) {
            throw LoreError(.unknownField, "unknown query parameter \"\(key)\"")
        }
    }
}
