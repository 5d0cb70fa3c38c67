import HTTPTypes
import LoreCore

/// The one table from error categories (and a few specific codes) to HTTP statuses.
enum APIErrorMapping {
    static func status(for code: ErrorCode) -> HTTPResponse.Status {
        switch code {
        case .rangeNotSatisfiable: return .rangeNotSatisfiable
        default: break
        }
        switch code.category {
        case .invalidInput: return .badRequest
        case .unauthenticated: return .unauthorized
        case .forbidden: return .forbidden
        case .notFound: return .notFound
        case .conflict: return .conflict
        case .tooLarge: return .contentTooLarge
        case .unsupportedMedia: return .unsupportedMediaType
        case .rateLimited: return .tooManyRequests
        case .unavailable: return .serviceUnavailable
        case .upstream: return .badGateway
        case .timeout: return .gatewayTimeout
        case .internalFailure: return .internalServerError
        }
    }

    /// Codes for statuses Hummingbird itself raises (unknown route, wrong method, body too big).
    static func code(for status: HTTPResponse.Status) -> ErrorCode {
        switch status.code {
        case 400: return .invalidArgument
        case 401: return .unauthenticated
        case 403: return .forbidden
        case 404: return .notFound
        case 405: return ErrorCode("method_not_allowed", .invalidInput)
        case 413: return .payloadTooLarge
        case 415: return .unsupportedMediaType
        case 416: return .rangeNotSatisfiable
        default: return status.code >= 500 ? .internalError : .invalidArgument
        }
    }
}
