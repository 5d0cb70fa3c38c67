import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import LoreApp
import LoreCore
import LoreDatabase

/// Health, readiness and the API description.
struct SystemController {
    let runtime: LoreRuntime

    struct HealthBody: Encodable {
        let status: String
        let checks: [String: String]?
    }

    func register(_ routes: RouteRegistry, openAPI: @escaping @Sendable () -> JSONValue) {
        routes.add(APIOperation(
            method: .get, path: "/healthz", operationID: "health", summary: "Liveness: the process answers", tag: "system",
            auth: .none, responses: [200: OpenAPISchemas.jsonResponse("Alive", schema: OpenAPISchemas.ref("Health"))]
        )) { _, _ in APIJSON.response(HealthBody(status: "ok", checks: nil)) }

        let database = runtime.database
        routes.add(APIOperation(
            method: .get, path: "/readyz", operationID: "readiness", summary: "Readiness: database reachable and migrations applied",
            tag: "system", auth: .none,
            responses: [200: OpenAPISchemas.jsonResponse("Ready", schema: OpenAPISchemas.ref("Health")),
                        503: OpenAPISchemas.jsonResponse("Not ready", schema: OpenAPISchemas.ref("Health"))]
        )) { _, _ in
            let reachable = await database.ping()
            let migrated = reachable ? await database.migrationsCurrent() : false
            let checks = ["database": reachable ? "ok" : "unreachable", "migrations": migrated ? "ok" : "pending"]
            let ready = reachable && migrated
            return APIJSON.response(HealthBody(status: ready ? "ok" : "unavailable", checks: checks),
                                    status: ready ? .ok : .serviceUnavailable)
        }

        routes.add(APIOperation(
            method: .get, path: "/metrics", operationID: "metrics", summary: "Metrics in the Prometheus text format", tag: "system",
            auth: .none, responses: [200: ["description": "Prometheus exposition", "content": ["text/plain": ["schema": ["type": "string"]]]]]
        )) { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: LoreMetrics.exposition())))
        }

        routes.add(APIOperation(
            method: .get, path: "/openapi.json", operationID: "openapi", summary: "This API's OpenAPI 3.1 description", tag: "system",
            auth: .none, responses: [200: ["description": "OpenAPI document", "content": ["application/json": ["schema": ["type": "object"]]]]]
        )) { _, _ in APIJSON.response(openAPI()) }
    }
}
