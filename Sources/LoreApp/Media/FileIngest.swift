import Foundation
import LoreCore
import LoreDatabase
import LoreMedia

/// Files and folders on this machine into an organisation: every file is streamed through the
/// same upload path as the API (validation by content, quotas, duplicate detection); a `.vtt` or
/// `.srt` beside a recording with the same name goes with it as its transcript.
public struct FileIngest: Sendable {
    let media: MediaService

    public init(media: MediaService) { self.media = media }

    public enum Outcome: Sendable {
        case stored(MediaItem)
        case duplicate(MediaItem)
        case rejected(LoreError)
    }

    public struct Item: Sendable {
        public var path: String
        public var sidecar: String?
    }

    /// Files under `paths` (folders recursively, hidden files skipped), sidecar transcripts paired.
    public static func collect(_ paths: [String]) throws -> [Item] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw LoreError(.notFound, "\(path) does not exist")
            }
            if isDirectory.boolValue {
                let base = URL(fileURLWithPath: path)
                let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey],
                                                                options: [.skipsHiddenFiles])
                while let url = enumerator?.nextObject() as? URL {
                    if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { files.append(url.path) }
                }
            } else {
                files.append(path)
            }
        }
        files.sort()
        let stems = Dictionary(grouping: files) { ($0 as NSString).deletingPathExtension }
        var items: [Item] = []
        for file in files {
            let stem = (file as NSString).deletingPathExtension
            let isTranscript = ProvidedTranscriptFormat(fileExtension: (file as NSString).pathExtension) != nil
            let siblings = stems[stem] ?? []
            if isTranscript, siblings.contains(where: { ProvidedTranscriptFormat(fileExtension: ($0 as NSString).pathExtension) == nil }) {
                continue // goes with its recording
            }
            let sidecar = isTranscript ? nil : siblings.first { ProvidedTranscriptFormat(fileExtension: ($0 as NSString).pathExtension) != nil }
            items.append(Item(path: file, sidecar: sidecar))
        }
        return items
    }

    /// Uploads one file; failures of this file are an outcome, not an error of the whole ingest.
    public func ingest(_ item: Item, caller: Caller, tags: [String] = []) async -> Outcome {
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: item.path)
            let size = (attributes[.size] as? NSNumber)?.int64Value
            let upload = try await media.beginUpload(caller: caller, declaredLength: size)
            do {
                guard let handle = FileHandle(forReadingAtPath: item.path) else {
                    throw LoreError(.notFound, "cannot read \(item.path)")
                }
                defer { try? handle.close() }
                while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                    try await upload.append(Array(chunk))
                }
            } catch {
                await upload.abort()
                throw error
            }
            var sidecar: MediaService.SidecarTranscript?
            if let path = item.sidecar, let format = ProvidedTranscriptFormat(fileExtension: (path as NSString).pathExtension),
               let bytes = FileManager.default.contents(atPath: path) {
                sidecar = MediaService.SidecarTranscript(format: format, bytes: Array(bytes))
            }
            let outcome = try await media.completeUpload(upload, filename: (item.path as NSString).lastPathComponent, title: nil,
                                                         tags: tags, sidecar: sidecar, source: .import)
            return outcome.duplicate ? .duplicate(outcome.media) : .stored(outcome.media)
        } catch let error as LoreError {
            return .rejected(error)
        } catch {
            return .rejected(LoreError(.internalError, "\(error)"))
        }
    }
}
