import Foundation
import LoreCore

extension ErrorCode {
    /// The server could not be reached (refused, unknown host, TLS failure, connection lost).
    static let serverUnreachable = ErrorCode("server_unreachable", .unavailable)
    /// The server answered something that is not Lore's API.
    static let unexpectedResponse = ErrorCode("unexpected_response", .upstream)
}

/// Turns an API error response into the `LoreError` the server raised, so the CLI prints it
/// and exits exactly as it would for the same failure on the local database.
enum RemoteErrors {
    private struct Body: Decodable {
        struct Inner: Decodable {
            let code: String
            let message: String
            let details: [String: String]?
        }
        let error: Inner
    }

    /// The error of a non-2xx response: the body's code and message, its category from the status.
    static func error(status: Int, body: [UInt8], url: String) -> LoreError {
        let category = category(for: status)
        guard let decoded = try? JSONDecoder().decode(Body.self, from: Data(body)) else {
            return LoreError(ErrorCode(status >= 500 ? ErrorCode.unexpectedResponse.rawValue : "http_\(status)", category),
                             "\(url) answered HTTP \(status) without a Lore error body")
        }
        return LoreError(ErrorCode(decoded.error.code, category), decoded.error.message, details: decoded.error.details ?? [:])
    }

    /// The inverse of the server's `APIErrorMapping.status(for:)`.
    static func category(for status: Int) -> ErrorCode.Category {
        switch status {
        case 401: return .unauthenticated
        case 403: return .forbidden
        case 404: return .notFound
        case 409: return .conflict
        case 413: return .tooLarge
        case 415: return .unsupportedMedia
        case 429: return .rateLimited
        case 502: return .upstream
        case 503: return .unavailable
        case 504: return .timeout
        case 400..<500: return .invalidInput
        default: return .internalFailure
        }
    }

    static func unreachable(_ baseURL: String, _ error: any Error) -> LoreError {
        LoreError(.serverUnreachable, "cannot reach the Lore server at \(baseURL) (\(RemoteTarget.urlVariable)): \(reason(error))")
    }

    /// A short human reason for a transport failure.
    private static func reason(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        if text.contains("connectTimeout") { return "connection timed out" }
        if text.contains("deadlineExceeded") || text.contains("readTimeout") { return "no answer in time" }
        if text.contains("NXDOMAIN") || text.contains("UnknownHost") || text.contains("unknownHost") || text.contains("getaddrinfo") { return "unknown host" }
        if text.contains("remoteConnectionClosed") { return "the server closed the connection" }
        return text
    }
}
