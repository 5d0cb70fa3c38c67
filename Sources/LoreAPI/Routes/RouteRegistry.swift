import Foundation
import HTTPTypes
import Hummingbird
import LoreApp
import LoreCore

/// Registers documented operations on the router, wrapping each handler with the
/// authentication its `AuthRequirement` names. The operations it collects become the OpenAPI
/// document.
final class RouteRegistry {
    typealias Handler = @Sendable (Request, LoreRequestContext) async throws -> Response

    let router: Router<LoreRequestContext>
    let authenticator: Authenticator
    let adminToken: String
    let mediaTokens: MediaAccessTokens
    private(set) var operations: [APIOperation] = []

    init(router: Router<LoreRequestContext>, authenticator: Authenticator, adminToken: String, mediaTokens: MediaAccessTokens) {
        self.router = router
        self.authenticator = authenticator
        self.adminToken = adminToken
        self.mediaTokens = mediaTokens
    }

    func add(_ operation: APIOperation, _ handler: @escaping Handler) {
        operations.append(operation)
        let authenticator = self.authenticator
        let adminDigest = APIKeyFormat.hash(adminToken)
        let requirement = operation.auth
        let mediaTokens = self.mediaTokens
        router.on(RouterPath(operation.path), method: operation.method) { request, context in
            var context = context
            switch requirement {
            case .none:
                break
            case .apiKey(let role):
                guard let key = Self.credential(request) else {
                    throw LoreError(.unauthenticated, "send an API key as \"Authorization: Bearer <key>\" or \"X-API-Key: <key>\"")
                }
                let caller = try await authenticator.authenticate(apiKey: key)
                context.caller = caller
                context.logger[metadataKey: "lore.org"] = .string(caller.org.description)
                try caller.require(role)
            case .apiKeyOrMediaToken(let role):
                let caller: Caller
                if let key = Self.credential(request) {
                    caller = try await authenticator.authenticate(apiKey: key)
                } else if let token = request.uri.queryParameters.get("access_token") {
                    // A token names one item: a malformed id cannot match it.
                    guard let media = context.parameters.get("id").flatMap(MediaID.init) else {
                        throw LoreError(.unauthenticated, "the access token is invalid, expired, or for another item")
                    }
                    caller = try await mediaTokens.verify(String(token), media: media)
                } else {
                    throw LoreError(.unauthenticated, "send an API key as \"Authorization: Bearer <key>\" or \"X-API-Key: <key>\", or ?access_token=")
                }
                context.caller = caller
                context.logger[metadataKey: "lore.org"] = .string(caller.org.description)
                try caller.require(role)
            case .adminToken:
                guard let token = Self.credential(request),
                      APIKeyFormat.constantTimeEquals(APIKeyFormat.hash(token), adminDigest) else {
                    throw LoreError(.unauthenticated, "this needs the system administrator token")
                }
            }
            return try await handler(request, context)
        }
    }

    /// `Authorization: Bearer <value>` or `X-API-Key: <value>`.
    static func credential(_ request: Request) -> String? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1]).trimmingCharacters(in: .whitespaces) }
            return nil
        }
        return request.headers[.apiKey]?.trimmingCharacters(in: .whitespaces)
    }
}
