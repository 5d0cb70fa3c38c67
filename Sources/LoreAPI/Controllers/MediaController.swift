import Foundation
import HTTPTypes
import Hummingbird
import LoreApp
import LoreCore
import LoreDatabase
import NIOCore

/// Upload, list, read, download and delete media items.
struct MediaController {
    let runtime: LoreRuntime

    func register(_ routes: RouteRegistry) {
        let media = runtime.media
        let mediaTokens = runtime.mediaTokens
        let accessTokenParameter = OpenAPISchemas.queryParameter(
            "access_token", "A media access token for this item instead of an API key header", schema: OpenAPISchemas.string)
        let idParameter = OpenAPISchemas.pathParameter("id", "Media item id")
        routes.add(APIOperation(
            method: .post, path: "/v1/media", operationID: "uploadMedia",
            summary: "Upload a file: multipart/form-data (part \"file\", optional \"title\", \"tags\") or the raw body with ?filename=",
            tag: "media", auth: .apiKey(.member),
            parameters: [
                OpenAPISchemas.queryParameter("filename", "File name of a raw-body upload (display only)", schema: OpenAPISchemas.string),
                OpenAPISchemas.queryParameter("title", "Title (default: the file name)", schema: OpenAPISchemas.string),
                OpenAPISchemas.queryParameter("tags", "Comma-separated tags", schema: OpenAPISchemas.string),
            ],
            requestBody: ["required": true, "content": [
                "multipart/form-data": ["schema": ["type": "object", "properties": [
                    "file": ["type": "string", "contentMediaType": "application/octet-stream"],
                    "title": OpenAPISchemas.string, "tags": OpenAPISchemas.string, "filename": OpenAPISchemas.string,
                    "transcript": ["type": "string", "contentMediaType": "text/vtt",
                                   "description": "Optional WebVTT or SRT transcript of the recording (file name ending .vtt or .srt), used instead of speech recognition"],
                ], "required": ["file"]]],
                "application/octet-stream": ["schema": ["type": "string", "contentMediaType": "application/octet-stream"]],
            ]],
            responses: [201: OpenAPISchemas.jsonResponse("Stored", schema: OpenAPISchemas.ref("UploadResult")),
                        200: OpenAPISchemas.jsonResponse("Identical content already stored", schema: OpenAPISchemas.ref("UploadResult")),
                        413: OpenAPISchemas.errorResponse("Larger than the size limit or the organisation's quota")]
        )) { request, context in
            let caller = try context.requireCaller()
            try request.allowOnlyQuery(["filename", "title", "tags"])
            let isMultipart = UploadBodyReader.multipartBoundary(request.headers[.contentType]) != nil
            let declared = request.headers[.contentLength].flatMap { Int64($0) }
            let upload = try await media.beginUpload(caller: caller, declaredLength: isMultipart ? nil : declared)
            let fields: UploadBodyReader.Fields
            do {
                fields = try await UploadBodyReader.read(request, into: upload)
            } catch {
                // Client gone, limit reached or malformed body: nothing of this upload stays.
                await upload.abort()
                throw error
            }
            let outcome = try await media.completeUpload(upload, filename: fields.filename, title: fields.title, tags: fields.tags,
                                                         sidecar: fields.sidecar, requestID: context.requestID)
            return APIJSON.response(UploadResultBody(media: MediaBody(outcome.media), duplicate: outcome.duplicate),
                                    status: outcome.duplicate ? .ok : .created)
        }

        routes.add(APIOperation(
            method: .get, path: "/v1/media", operationID: "listMedia", summary: "List media items, newest first", tag: "media",
            auth: .apiKey(.viewer),
            parameters: [
                OpenAPISchemas.queryParameter("limit", "Page size (1–200, default 50)", schema: ["type": "integer", "minimum": 1, "maximum": 200]),
                OpenAPISchemas.queryParameter("cursor", "next_cursor of the previous page", schema: OpenAPISchemas.string),
            ],
            responses: [200: OpenAPISchemas.jsonResponse("A page", schema: OpenAPISchemas.ref("MediaPage"))]
        )) { request, context in
            let caller = try context.requireCaller()
            try request.allowOnlyQuery(["limit", "cursor"])
            let limit = try request.integerQuery("limit", default: 50, range: 1...200)
            let page = try await media.list(caller: caller, limit: limit, cursor: request.uri.queryParameters.get("cursor").map { String($0) })
            return APIJSON.response(MediaPageBody(items: page.items.map { MediaBody($0) }, nextCursor: page.nextCursor))
        }

        routes.add(APIOperation(
            method: .get, path: "/v1/media/{id}", operationID: "getMedia", summary: "One media item", tag: "media",
            auth: .apiKey(.viewer), parameters: [idParameter],
            responses: [200: OpenAPISchemas.jsonResponse("The item with its processing stages", schema: OpenAPISchemas.ref("MediaDetail")),
                        404: OpenAPISchemas.errorResponse("No such item in this organisation")]
        )) { request, context in
            let caller = try context.requireCaller()
            let detail = try await media.detail(caller: caller, id: try Self.mediaID(context))
            return APIJSON.response(MediaDetailBody(detail))
        }

        routes.add(APIOperation(
            method: .get, path: "/v1/media/{id}/thumbnail", operationID: "getMediaThumbnail",
            summary: "A JPEG thumbnail: the key frame nearest ?t= seconds (video), or the picture (image)", tag: "media",
            auth: .apiKeyOrMediaToken(.viewer),
            parameters: [idParameter, OpenAPISchemas.queryParameter("t", "Time in seconds (video)", schema: ["type": "number", "minimum": 0]),
                         accessTokenParameter],
            responses: [200: ["description": "JPEG", "content": ["image/jpeg": ["schema": ["type": "string"]]]],
                        404: OpenAPISchemas.errorResponse("No such item or no thumbnail")]
        )) { request, context in
            let caller = try context.requireCaller()
            try request.allowOnlyQuery(["t", "access_token"])
            var time: Double?
            if let raw = request.uri.queryParameters.get("t") {
                guard let value = Double(raw), value.isFinite, value >= 0 else { throw LoreError(.invalidArgument, "t must be a time in seconds") }
                time = value
            }
            let key = try await media.thumbnail(caller: caller, id: try Self.mediaID(context), time: time)
            var bytes: [UInt8] = []
            try await media.readBlob(key) { bytes += $0 }
            var headers = HTTPFields()
            headers[.contentType] = "image/jpeg"
            headers[.cacheControl] = "private, max-age=3600"
            headers[.xContentTypeOptions] = "nosniff"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }

        routes.add(APIOperation(
            method: .get, path: "/v1/media/{id}/content", operationID: "getMediaContent",
            summary: "Download the original file; supports single byte ranges", tag: "media",
            auth: .apiKeyOrMediaToken(.viewer),
            parameters: [idParameter, OpenAPISchemas.headerParameter("Range", "bytes=start-end"), accessTokenParameter,
                         OpenAPISchemas.queryParameter(
                            "disposition", "inline: let a browser show it (PDF, video, audio, raster images, plain text only; anything else stays an attachment)",
                            schema: ["type": "string", "enum": ["attachment", "inline"]])],
            responses: [200: ["description": "The file", "content": ["application/octet-stream": ["schema": ["type": "string"]]]],
                        206: ["description": "Part of the file", "content": ["application/octet-stream": ["schema": ["type": "string"]]]],
                        404: OpenAPISchemas.errorResponse("No such item in this organisation"),
                        416: OpenAPISchemas.errorResponse("Range outside the file")]
        )) { request, context in
            let caller = try context.requireCaller()
            try request.allowOnlyQuery(["access_token", "disposition"])
            let disposition = request.uri.queryParameters.get("disposition").map { String($0) } ?? "attachment"
            guard ["attachment", "inline"].contains(disposition) else { throw LoreError(.invalidArgument, "disposition is attachment or inline") }
            let item = try await media.get(caller: caller, id: try Self.mediaID(context))
            let range: Range<Int64>?
            do {
                range = try ByteRange.parse(request.headers[.range], size: item.sizeBytes)
            } catch let error as LoreError {
                var response = ErrorMiddleware.response(status: .rangeNotSatisfiable, code: error.code, message: error.message,
                                                        details: [:], requestID: context.requestID)
                response.headers[.contentRange] = "bytes */\(item.sizeBytes)"
                return response
            }
            var headers = HTTPFields()
            headers[.contentType] = item.contentType ?? "application/octet-stream"
            headers[.acceptRanges] = "bytes"
            headers[.eTag] = "\"\(item.sha256Hex)\""
            let filename = item.originalFilename ?? item.title
            let inline = disposition == "inline" && Self.isSafeInline(item.contentType)
            headers[.contentDisposition] = (inline ? "inline" : "attachment") + "; filename*=UTF-8''"
                + (filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file")
            // Uploaded bytes are served from the web UI's origin: never sniffed, and (PDF aside,
            // whose viewers refuse sandboxed documents) sandboxed if a browser renders them.
            headers[.xContentTypeOptions] = "nosniff"
            if item.contentType != "application/pdf" { headers[.contentSecurityPolicy] = "sandbox; default-src 'none'" }
            let span = range ?? 0..<item.sizeBytes
            headers[.contentLength] = String(span.count)
            if let range { headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(item.sizeBytes)" }
            let body = ResponseBody(contentLength: Int(span.count)) { writer in
                try await media.readContent(item, range: range) { chunk in
                    try await writer.write(ByteBuffer(bytes: chunk))
                }
                try await writer.finish(nil)
            }
            return Response(status: range == nil ? .ok : .partialContent, headers: headers, body: body)
        }

        routes.add(APIOperation(
            method: .post, path: "/v1/media/{id}/access-token", operationID: "createMediaAccessToken",
            summary: "A short-lived read-only token for this item's content and thumbnails, for players and links that cannot send headers",
            tag: "media", auth: .apiKey(.viewer), parameters: [idParameter],
            responses: [201: OpenAPISchemas.jsonResponse("The token and ready-made URLs", schema: OpenAPISchemas.ref("MediaAccessToken")),
                        404: OpenAPISchemas.errorResponse("No such item in this organisation")]
        )) { _, context in
            let caller = try context.requireCaller()
            let id = try Self.mediaID(context)
            _ = try await media.get(caller: caller, id: id)
            let issued = mediaTokens.issue(caller: caller, media: id)
            let query = "access_token=" + issued.token
            return APIJSON.response(MediaAccessTokenBody(
                token: issued.token, expiresAt: issued.expiresAt,
                contentURL: "/v1/media/\(id)/content?\(query)", thumbnailURL: "/v1/media/\(id)/thumbnail?\(query)"), status: .created)
        }

        routes.add(APIOperation(
            method: .delete, path: "/v1/media/{id}", operationID: "deleteMedia",
            summary: "Delete a media item with everything derived from it", tag: "media",
            auth: .apiKey(.member), parameters: [idParameter],
            responses: [204: ["description": "Deleted"], 404: OpenAPISchemas.errorResponse("No such item in this organisation")]
        )) { _, context in
            let caller = try context.requireCaller()
            try await media.delete(caller: caller, id: try Self.mediaID(context), requestID: context.requestID)
            return Response(status: .noContent)
        }
    }

    /// Types a browser may render from Lore's origin without running anything (HTML, SVG,
    /// XML and office files are always attachments).
    static func isSafeInline(_ contentType: String?) -> Bool {
        guard let type = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() else { return false }
        if type.hasPrefix("video/") || type.hasPrefix("audio/") { return true }
        return ["application/pdf", "text/plain", "image/jpeg", "image/png", "image/gif", "image/webp"].contains(type)
    }

    /// A malformed id is as unknown as another organisation's id.
    static func mediaID(_ context: LoreRequestContext) throws -> MediaID {
        guard let id = context.parameters.get("id").flatMap(MediaID.init) else { throw LoreError(.notFound, "no such media item") }
        return id
    }
}
