import Foundation
import Hummingbird
import Logging
import LoreApp
import LoreCore

/// Builds the HTTP interface of Lore on a runtime.
public enum LoreAPI {
    public static let version = "0.1.0"

    /// Routes of the browser interface (`METHOD path`): static files, not API operations, so
    /// deliberately absent from the OpenAPI document.
    public static var webUIRoutes: Set<String> { WebUI.routes }

    /// The router with every route, middleware and the OpenAPI document derived from the routes.
    public static func buildRouter(runtime: LoreRuntime) throws -> Router<LoreRequestContext> {
        LoreMetrics.bootstrap()
        let router = Router(context: LoreRequestContext.self)
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: ErrorMiddleware())
        let routes = RouteRegistry(router: router, authenticator: runtime.authenticator, adminToken: try runtime.adminToken(),
                                    mediaTokens: runtime.mediaTokens)
        let document = DocumentBox()
        SystemController(runtime: runtime).register(routes, openAPI: { document.value })
        OrganizationController(runtime: runtime).register(routes)
        APIKeyController(runtime: runtime).register(routes)
        UserController(users: runtime.users).register(routes)
        MediaController(runtime: runtime).register(routes)
        SearchController(search: runtime.search).register(routes)
        JobsController(runtime: runtime).register(routes)
        document.value = OpenAPIDocument.build(routes.operations, version: version)
        WebUI.register(on: router)
        return router
    }

    /// The HTTP server as a `Service` for the process's `ServiceGroup`.
    public static func buildApplication(runtime: LoreRuntime, host: String, port: Int, logger: Logger,
                                        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws -> some ApplicationProtocol {
        let router = try buildRouter(runtime: runtime)
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "lore"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}

extension LoreAPI {
    /// A listener for a process without the API (`lore worker --metrics-port`): `GET /metrics`
    /// (the process's own counters and timers, in the Prometheus text format) and `GET /healthz`.
    public static func buildMetricsApplication(host: String, port: Int, logger: Logger,
                                               onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        LoreMetrics.bootstrap()
        let router = Router()
        router.get("/metrics") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: LoreMetrics.exposition())))
        }
        router.get("/healthz") { _, _ in "ok\n" }
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "lore-worker"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}

/// The OpenAPI document, filled in once every route is registered (routes themselves serve it).
final class DocumentBox: @unchecked Sendable {
    var value: JSONValue = .null
}
