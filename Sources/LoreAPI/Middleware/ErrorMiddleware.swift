import Foundation
import HTTPTypes
import Hummingbird
import Logging
import LoreCore

/// Renders every failure as `{"error": {"code", "message", "request_id"}}` with the status from
/// `APIErrorMapping`. Unexpected errors become `internal_error` and are logged, never echoed.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = LoreRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as LoreError {
            let status = APIErrorMapping.status(for: error.code)
            if status.code >= 500 {
                context.logger.error("request failed", metadata: ["error": "\(error)"])
            }
            return Self.response(status: status, code: error.code, message: error.message, details: error.details, requestID: context.requestID)
        } catch let error as any HTTPResponseError {
            let status = error.status
            let code = APIErrorMapping.code(for: status)
            let message = status == .notFound ? "no such route" : (status.reasonPhrase.isEmpty ? "request failed" : status.reasonPhrase.lowercased())
            return Self.response(status: status, code: code, message: message, details: [:], requestID: context.requestID)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            context.logger.error("unexpected failure", metadata: ["error": "\(String(reflecting: error))"])
            return Self.response(status: .internalServerError, code: .internalError, message: "internal error",
                                 details: [:], requestID: context.requestID)
        }
    }

    static func response(status: HTTPResponse.Status, code: ErrorCode, message: String, details: [String: String], requestID: String) -> Response {
        // Only details meant for clients leave the server (never SQL states or constraint names).
        let visible = details.filter { !["sqlstate", "constraint"].contains($0.key) }
        let body = ErrorBody(error: .init(code: code.rawValue, message: message, requestID: requestID, details: visible.isEmpty ? nil : visible))
        var response = APIJSON.response(body, status: status)
        response.headers[.requestID] = requestID
        return response
    }

    struct ErrorBody: Encodable {
        struct Inner: Encodable {
            let code: String
            let message: String
            let requestID: String
            let details: [String: String]?
            enum CodingKeys: String, CodingKey {
                case code, message, details
                case requestID = "request_id"
            }
        }
        let error: Inner
    }
}
