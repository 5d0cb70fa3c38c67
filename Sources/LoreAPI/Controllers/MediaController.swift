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
            auth: .apiKey(.viewer),
            parameters: [idParameter, OpenAPISchemas.queryParameter("t", "Time in seconds (video)", schema: ["type": "number", "minimum": 0])],
            responses: [200: ["description": "JPEG", "content": ["image/jpeg": ["schema": ["type": "string"]]]],
                        404: OpenAPISchemas.errorResponse("No such item or no thumbnail")]
        )) { request, context in
            let caller = try context.requireCaller()
            try request.allowOnlyQuery(["t"])
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
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }

        routes.add(APIOperation(
            method: .get, path: "/v1/media/{id}/content", operationID: "getMediaContent",
            summary: "Download the original file; supports single byte ranges", tag: "media",
            auth: .apiKey(.viewer), parameters: [idParameter, OpenAPISchemas.headerParameter("Range", "bytes=start-end")],
            responses: [200: ["description": "The file", "content": ["application/octet-stream": ["schema": ["type": "string"]]]],
                        206: ["description": "Part of the file", "content": ["application/octet-stream": ["schema": ["type": "string"]]]],
                        404: OpenAPISchemas.errorResponse("No such item in this organisation"),
                        416: OpenAPISchemas.errorResponse("Range outside the file")]
        )) { request, context in
            let caller = try context.requireCaller()
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
            headers[.contentDisposition] = "attachment; filename*=UTF-8''" + (filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file")
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

    /// A malformed id is as unknown as another organisation's id.
    static func mediaID(_ context: LoreRequestContext) throws -> MediaID {
        guard let id = context.parameters.get("id").flatMap(MediaID.init) else { throw LoreError(.notFound, "no such media item") }
        return id
    }
}
