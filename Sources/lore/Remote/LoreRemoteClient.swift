import AsyncHTTPClient
import Foundation
import LoreCore
import NIOCore
import NIOHTTP1

/// A small client for Lore's own HTTP API: bearer authentication, JSON in and out (snake_case
/// keys declared by the types, ISO-8601 dates), API errors as the server's `LoreError`s.
struct LoreRemoteClient: Sendable {
    let target: RemoteTarget
    var httpClient: HTTPClient = Self.sharedHTTPClient

    /// One client for the process (a command-line run), never shut down. A refused connection
    /// fails at once instead of being retried until the connect timeout; no redirects (they
    /// would carry the key elsewhere); no read timeout of its own (the request's deadline
    /// bounds it, so a server validating a large upload is waited for).
    static let sharedHTTPClient: HTTPClient = {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(15), read: nil),
            decompression: .disabled)
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    static let maxResponseBytes = 64 << 20
    static let requestTimeout = TimeAmount.minutes(10)
    static let uploadTimeout = TimeAmount.hours(24)

    /// `GET path` decoded as `T`.
    func get<T: Decodable>(_ path: String, query: [(String, String)] = [], as type: T.Type = T.self) async throws -> T {
        try decode(T.self, from: try await send(.GET, path, query: query))
    }

    /// `POST path` with a JSON body, decoded as `T`.
    func post<Body: Encodable, T: Decodable>(_ path: String, json body: Body, as type: T.Type = T.self) async throws -> T {
        let data = try Self.encoder.encode(body)
        return try decode(T.self, from: try await send(.POST, path, body: .bytes(Array(data)), contentType: "application/json"))
    }

    func delete(_ path: String) async throws {
        _ = try await send(.DELETE, path)
    }

    /// Streams `stream` to `POST path` and decodes the answer.
    func upload<T: Decodable>(_ path: String, query: [(String, String)], stream: UploadStream, as type: T.Type = T.self) async throws -> T {
        let body = HTTPClientRequest.Body.stream(stream, length: .known(try stream.length()))
        return try decode(T.self, from: try await send(.POST, path, query: query, body: body, contentType: stream.contentType, timeout: Self.uploadTimeout))
    }

    /// Sends one request; a 2xx answer's body, otherwise the API's error.
    func send(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: HTTPClientRequest.Body? = nil,
              contentType: String? = nil, timeout: TimeAmount = requestTimeout) async throws -> [UInt8] {
        let url = Self.url(target.baseURL, path, query: query)
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(target.apiKey)")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "lore-cli/\(LoreVersion.current)")
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if let body { request.body = body }
        let status: Int
        let bytes: [UInt8]
        do {
            let response = try await httpClient.execute(request, timeout: timeout)
            status = Int(response.status.code)
            bytes = Array(try await response.body.collect(upTo: Self.maxResponseBytes).readableBytesView)
        } catch let error as LoreError {
            throw error // a file that could not be read while streaming
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as HTTPClientError where error == .invalidURL || error == .emptyHost {
            throw LoreError(.configuration, "\(RemoteTarget.urlVariable) is not a usable URL: \(target.baseURL)")
        } catch is NIOTooManyBytesError {
            throw LoreError(.unexpectedResponse, "\(url) answered more than \(Self.maxResponseBytes) bytes")
        } catch {
            throw RemoteErrors.unreachable(target.baseURL, error)
        }
        guard (200..<300).contains(status) else { throw RemoteErrors.error(status: status, body: bytes, url: url) }
        return bytes
    }

    func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        do {
            return try Self.decoder.decode(T.self, from: Data(bytes))
        } catch {
            throw LoreError(.unexpectedResponse, "the answer of \(target.baseURL) is not what Lore's API returns (\(error))")
        }
    }

    /// `base` + `path` + a query whose values are percent-encoded strictly (`+`, `&`, `=` included).
    static func url(_ base: String, _ path: String, query: [(String, String)]) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let encoded = query.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
        return base + path + (encoded.isEmpty ? "" : "?" + encoded.joined(separator: "&"))
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
