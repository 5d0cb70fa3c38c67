import Foundation
import HTTPTypes
import Hummingbird
import Logging
import LoreCore

extension HTTPField.Name {
    static let requestID = HTTPField.Name("X-Request-Id")!
    static let apiKey = HTTPField.Name("X-API-Key")!
}

/// Gives every request an id (a well-formed incoming `X-Request-Id` is kept, so ids follow a
/// request through proxies), puts it on every log line and every response, and logs one
/// structured line per request.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = LoreRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let incoming = request.headers[.requestID]
        let id = incoming.flatMap { Self.isAcceptable($0) ? $0 : nil } ?? UUID().uuidString.lowercased()
        context.requestID = id
        context.logger[metadataKey: "lore.request"] = .string(id)
        let started = ContinuousClock.now
        var response = try await RequestLogContext.$requestID.withValue(id) { try await next(request, context) }
        response.headers[.requestID] = id
        let elapsed = ContinuousClock.now - started
        context.logger.info("request", metadata: [
            "http.method": .string(request.method.rawValue),
            "http.path": .string(request.uri.path),
            "http.status": .stringConvertible(response.status.code),
            "duration_ms": .stringConvertible(elapsed.milliseconds),
        ])
        return response
    }

    static func isAcceptable(_ id: String) -> Bool {
        (1...128).contains(id.count) && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
    }
}
