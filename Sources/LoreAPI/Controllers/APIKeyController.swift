import Foundation
import Hummingbird
import LoreApp
import LoreCore

/// `POST/GET /v1/api-keys`, `DELETE /v1/api-keys/{id}` (admins and owners).
struct APIKeyController {
    let runtime: LoreRuntime

    func register(_ routes: RouteRegistry) {
        let keys = runtime.apiKeys
        routes.add(APIOperation(
            method: .post, path: "/v1/api-keys", operationID: "createAPIKey",
            summary: "Create an API key (the secret is shown once); the role cannot exceed the caller's", tag: "api-keys",
            auth: .apiKey(.admin), requestBody: OpenAPISchemas.jsonBody(OpenAPISchemas.ref("CreateAPIKey")),
            responses: [201: OpenAPISchemas.jsonResponse("Created", schema: OpenAPISchemas.ref("CreatedAPIKey"))]
        )) { request, context in
            let caller = try context.requireCaller()
            let body = try await APIJSON.decode(CreateAPIKeyRequest.self, from: request, context: context)
            let created = try await keys.create(caller: caller, name: body.name, role: body.role ?? .member,
                                                expiresAt: body.expiresAt, requestID: context.requestID)
            return APIJSON.response(CreatedAPIKeyBody(apiKey: APIKeyBody(created.key), secret: created.secret), status: .created)
        }

        routes.add(APIOperation(
            method: .get, path: "/v1/api-keys", operationID: "listAPIKeys", summary: "List the organisation's API keys", tag: "api-keys",
            auth: .apiKey(.admin),
            parameters: [OpenAPISchemas.queryParameter("include_revoked", "Also list revoked keys", schema: ["type": "boolean"])],
            responses: [200: OpenAPISchemas.jsonResponse("Keys", schema: ["type": "object", "properties": ["items": ["type": "array", "items": OpenAPISchemas.ref("APIKey")]]])]
        )) { request, context in
            let caller = try context.requireCaller()
            try request.allowOnlyQuery(["include_revoked"])
            let includeRevoked = request.uri.queryParameters.get("include_revoked") == "true"
            let list = try await keys.list(caller: caller, includeRevoked: includeRevoked)
            return APIJSON.response(ListBody(items: list.map { APIKeyBody($0) }))
        }

        routes.add(APIOperation(
            method: .delete, path: "/v1/api-keys/{id}", operationID: "revokeAPIKey", summary: "Revoke an API key", tag: "api-keys",
            auth: .apiKey(.admin), parameters: [OpenAPISchemas.pathParameter("id", "API key id")],
            responses: [204: ["description": "Revoked"], 404: OpenAPISchemas.errorResponse("No such key")]
        )) { _, context in
            let caller = try context.requireCaller()
            guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)) else {
                throw LoreError(.notFound, "no such API key")
            }
            try await keys.revoke(caller: caller, keyID: id, requestID: context.requestID)
            return Response(status: .noContent)
        }
    }
}
