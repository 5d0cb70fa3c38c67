import Foundation
import HTTPTypes
import Hummingbird
import LoreApp
import LoreCore
import LoreMedia
import MultipartKit
import NIOCore

extension ErrorCode {
    static let invalidMultipart = ErrorCode("invalid_multipart", .invalidInput)
    static let uploadInterrupted = ErrorCode("upload_interrupted", .invalidInput)
}

/// Streams an upload body into a `MediaUpload`: either the raw body (file name from the
/// `filename` query parameter or `Content-Disposition`), or `multipart/form-data` with one
/// `file` part and optional `title`, `tags` and `filename` fields. Bytes go to storage as they
/// arrive; nothing is buffered whole.
struct UploadBodyReader {
    struct Fields {
        var filename: String?
        var title: String?
        var tags: [String] = []
        var sidecar: MediaService.SidecarTranscript?
    }

    static let maxFieldBytes = 64 * 1024
    static let maxTranscriptBytes = 8 << 20

    static func read(_ request: Request, into upload: MediaUpload) async throws -> Fields {
        var fields = Fields()
        fields.filename = request.uri.queryParameters.get("filename").map { String($0) } ?? contentDispositionFilename(request.headers[.contentDisposition])
        fields.title = request.uri.queryParameters.get("title").map { String($0) }
        if let tags = request.uri.queryParameters.get("tags") {
            fields.tags = tags.split(separator: ",").map(String.init)
        }
        do {
            if let boundary = multipartBoundary(request.headers[.contentType]) {
                try await readMultipart(request.body, boundary: boundary, into: upload, fields: &fields)
            } else {
                for try await buffer in request.body {
                    try await upload.append(Array(buffer.readableBytesView))
                }
            }
        } catch let error as LoreError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            // The connection closed or broke before the body was complete.
            throw LoreError(.uploadInterrupted, "the upload ended before its body was complete")
        }
        return fields
    }

    /// The boundary of a `multipart/form-data` content type, nil for any other type.
    static func multipartBoundary(_ contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    static func contentDispositionFilename(_ header: String?) -> String? {
        guard let header else { return nil }
        for parameter in header.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            let name = pair[0].lowercased()
            if name == "filename*", let encoded = pair[1].split(separator: "'", maxSplits: 2).last {
                return String(encoded).removingPercentEncoding
            }
            if name == "filename" { return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return nil
    }

    private static func readMultipart(_ body: RequestBody, boundary: String, into upload: MediaUpload, fields: inout Fields) async throws {
        let state = MultipartState()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in state.header(name, value) }
        parser.onBody = { buffer in state.body(&buffer) }
        parser.onPartComplete = { state.partComplete() }
        for try await buffer in body {
            do {
                try parser.execute(buffer)
            } catch {
                throw LoreError(.invalidMultipart, "the multipart body is malformed")
            }
            if let error = state.error { throw error }
            let pending = state.takeFileBytes()
            if !pending.isEmpty { try await upload.append(pending) }
        }
        guard state.sawFile, state.finishedParts > 0 else {
            throw LoreError(.invalidMultipart, "the multipart body needs one complete part named \"file\"")
        }
        if let filename = state.fields["filename"] ?? state.fileName { fields.filename = filename }
        if let title = state.fields["title"] { fields.title = title }
        if let tags = state.fields["tags"] { fields.tags = tags.split(separator: ",").map(String.init) }
        if let transcript = state.transcript {
            guard let format = ProvidedTranscriptFormat(fileExtension: ((state.transcriptName ?? "") as NSString).pathExtension) else {
                throw LoreError(.invalidMultipart, "the transcript part needs a file name ending in .vtt or .srt")
            }
            fields.sidecar = MediaService.SidecarTranscript(format: format, bytes: transcript)
        }
    }
}

/// Collects what the (callback-driven) multipart parser reports for one request.
private final class MultipartState {
    var headers: [(String, String)] = []
    var fields: [String: String] = [:]
    var fileName: String?
    var sawFile = false
    var finishedParts = 0
    var error: LoreError?
    /// A transcript part (collected in memory, bounded).
    var transcript: [UInt8]?
    var transcriptName: String?
    private var fileBytes: [UInt8] = []
    private var fieldBytes: [UInt8] = []
    private var currentIsFile = false
    private var currentName: String?
    private var inBody = false

    func header(_ name: String, _ value: String) {
        if inBody { headers.removeAll(); inBody = false }
        headers.append((name.lowercased(), value))
    }

    func body(_ buffer: inout ByteBuffer) {
        if !inBody { startPart() }
        let bytes = Array(buffer.readableBytesView)
        buffer.moveReaderIndex(forwardBy: bytes.count)
        if currentIsFile {
            fileBytes += bytes
        } else if currentName == "transcript" {
            transcript = (transcript ?? []) + bytes
            if (transcript?.count ?? 0) > UploadBodyReader.maxTranscriptBytes {
                error = LoreError(.invalidMultipart, "the transcript part is larger than \(UploadBodyReader.maxTranscriptBytes) bytes")
            }
        } else if currentName != nil {
            fieldBytes += bytes
            if fieldBytes.count > UploadBodyReader.maxFieldBytes {
                error = LoreError(.invalidMultipart, "a form field is larger than \(UploadBodyReader.maxFieldBytes) bytes")
            }
        }
    }

    func partComplete() {
        if !inBody { startPart() }
        if !currentIsFile, let name = currentName, name != "transcript" {
            fields[name] = String(decoding: fieldBytes, as: UTF8.self)
        }
        fieldBytes = []
        headers = []
        inBody = false
        currentName = nil
        currentIsFile = false
        finishedParts += 1
    }

    func takeFileBytes() -> [UInt8] {
        defer { fileBytes = [] }
        return fileBytes
    }

    private func startPart() {
        inBody = true
        let disposition = headers.first { $0.0 == "content-disposition" }?.1
        let name = disposition.flatMap { Self.parameter("name", in: $0) }
        currentName = name
        if name == "file" {
            if sawFile { error = LoreError(.invalidMultipart, "only one part named \"file\" is allowed") }
            sawFile = true
            currentIsFile = true
            fileName = disposition.flatMap { UploadBodyReader.contentDispositionFilename($0) }
        } else if name == "transcript" {
            transcriptName = disposition.flatMap { UploadBodyReader.contentDispositionFilename($0) }
        } else if let name, !["title", "tags", "filename"].contains(name) {
            error = LoreError(.unknownField, "unknown form field \"\(name)\"")
        }
    }

    static func parameter(_ wanted: String, in header: String) -> String? {
        for parameter in header.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == wanted { return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return nil
    }
}
