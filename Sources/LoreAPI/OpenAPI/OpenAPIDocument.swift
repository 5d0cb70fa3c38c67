/// Builds the OpenAPI 3.1 document from the registered operations.
enum OpenAPIDocument {
    static func build(_ operations: [APIOperation], version: String) -> JSONValue {
        var paths: [String: JSONValue] = [:]
        for operation in operations {
            var responses: [String: JSONValue] = [:]
            for (status, response) in operation.standardErrors.merging(operation.responses, uniquingKeysWith: { $1 }) {
                responses[String(status)] = response
            }
            var entry: [String: JSONValue] = [
                "operationId": .string(operation.operationID),
                "summary": .string(operation.summary),
                "tags": [.string(operation.tag)],
                "responses": .object(responses),
            ]
            var parameters = operation.parameters
            parameters.append(OpenAPISchemas.headerParameter("X-Request-Id", "Optional client request id, echoed on the response"))
            entry["parameters"] = .array(parameters)
            if let body = operation.requestBody { entry["requestBody"] = body }
            switch operation.auth {
            case .none: entry["security"] = []
            case .apiKey(let role):
                entry["security"] = [["apiKey": []], ["bearer": []]]
                entry["x-lore-minimum-role"] = .string(role.rawValue)
            case .adminToken: entry["security"] = [["adminToken": []]]
            case .apiKeyOrMediaToken(let role):
                entry["security"] = [["apiKey": []], ["bearer": []], ["mediaToken": []]]
                entry["x-lore-minimum-role"] = .string(role.rawValue)
            }
            let method = operation.method.rawValue.lowercased()
            paths[operation.path] = (paths[operation.path] ?? [:]).merging([method: .object(entry)])
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Lore API",
                "version": .string(version),
                "description": "Self-hosted knowledge base for recordings and documents. Errors are JSON objects {\"error\": {\"code\", \"message\", \"request_id\"}} with stable codes.",
            ],
            "servers": [["url": "/"]],
            "paths": .object(paths),
            "components": [
                "schemas": .object(OpenAPISchemas.components),
                "securitySchemes": [
                    "apiKey": ["type": "apiKey", "in": "header", "name": "X-API-Key"],
                    "bearer": ["type": "http", "scheme": "bearer", "description": "Authorization: Bearer <API key>"],
                    "adminToken": ["type": "http", "scheme": "bearer", "description": "Authorization: Bearer <system administrator token>"],
                    "mediaToken": ["type": "apiKey", "in": "query", "name": "access_token",
                                   "description": "A short-lived read-only token for one media item from POST /v1/media/{id}/access-token; accepted only by GET /v1/media/{id}/content and /thumbnail of that item (for <video src>, <img src> and PDF links, which cannot send headers)"],
                ],
            ],
        ]
    }
}
