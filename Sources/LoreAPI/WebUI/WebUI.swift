import Foundation
import HTTPTypes
import Hummingbird
import LoreCore
import NIOCore

extension HTTPField.Name {
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
}

/// The browser interface: one HTML page plus a few CSS/JavaScript files, served from string
/// constants (no build step, no CDN, nothing fetched from elsewhere). The files need no
/// authentication — they are the same for everyone — and the page sends the user's API key on
/// its own calls to `/v1/…`.
///
/// These routes are not API operations, so they are registered here rather than through
/// `RouteRegistry` and stay out of the OpenAPI document (`LoreAPI.webUIRoutes` lists them for
/// the test that matches routes with the document).
enum WebUI {
    struct Asset: Sendable {
        let contentType: String
        let body: String
    }

    /// `/ui/<name>`. Scripts are ES modules importing each other by these names.
    static let assets: [String: Asset] = [
        "app.css": Asset(contentType: "text/css; charset=utf-8", body: WebUIStyle.css),
        "app.js": Asset(contentType: "text/javascript; charset=utf-8", body: WebUIScripts.app),
        "api.js": Asset(contentType: "text/javascript; charset=utf-8", body: WebUIScripts.api),
        "dom.js": Asset(contentType: "text/javascript; charset=utf-8", body: WebUIScripts.dom),
        "search.js": Asset(contentType: "text/javascript; charset=utf-8", body: WebUIScripts.search),
        "library.js": Asset(contentType: "text/javascript; charset=utf-8", body: WebUIScripts.library),
        "upload.js": Asset(contentType: "text/javascript; charset=utf-8", body: WebUIScripts.upload),
        "icon.svg": Asset(contentType: "image/svg+xml", body: WebUIPage.icon),
    ]

    /// Only this origin's files run, and media, thumbnails and API calls go to this origin
    /// only; no inline script or style, no plugins, no framing, no `<base>` tricks.
    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self'", "media-src 'self'",
        "connect-src 'self'", "font-src 'none'", "object-src 'none'", "frame-src 'none'", "worker-src 'none'",
        "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    static let routes: Set<String> = ["GET /", "GET /ui/{asset}"]

    static func register(on router: Router<LoreRequestContext>) {
        router.get("/") { _, _ in response(Asset(contentType: "text/html; charset=utf-8", body: WebUIPage.html)) }
        router.get("/ui/{asset}") { _, context in
            guard let name = context.parameters.get("asset"), let asset = assets[name] else {
                throw LoreError(.notFound, "no such file")
            }
            return response(asset)
        }
    }

    static func response(_ asset: Asset) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = asset.contentType
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[.referrerPolicy] = "no-referrer"
        headers[.xFrameOptions] = "DENY"
        // Small files: always revalidated, so a new build's UI shows at once.
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: asset.body)))
    }
}
