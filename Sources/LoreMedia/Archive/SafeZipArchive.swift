import Foundation
import LoreCore
import ZIPFoundation

/// A ZIP archive (DOCX, PPTX, …) read with limits that hold whatever the archive claims.
///
/// Opening lists the central directory and refuses too many entries, duplicate names, unsafe
/// paths (absolute, `..`) and symbolic links. Every read inflates through ZIPFoundation's
/// streaming consumer and counts the bytes that actually come out, stopping at the first chunk
/// past a limit (the sizes in the headers are never trusted): per entry and in total, and the
/// compression ratio per entry and for the whole file. Archives inside the archive are refused.
///
/// Not thread-safe (ZIPFoundation reads through one `FILE*`): use one instance in one task.
public final class SafeZipArchive {
    /// One entry as the central directory describes it.
    public struct EntryInfo: Sendable, Hashable {
        public var path: String
        public var compressedSize: UInt64
        /// What the header declares; used for nothing but reports.
        public var declaredSize: UInt64
        public var isDirectory: Bool
    }

    public let limits: MediaLimits
    /// Entries in central-directory order.
    public private(set) var entries: [EntryInfo] = []
    private let archive: Archive
    private var byPath: [String: Entry] = [:]
    private let fileSize: Int64
    private let name: String
    /// Bytes inflated per entry so far (an entry read twice counts once towards the total).
    private var inflated: [String: Int64] = [:]
    private var totalInflated: Int64 = 0

    /// Opens and checks the central directory of the ZIP file at `path`.
    public init(path: String, limits: MediaLimits = MediaLimits()) throws {
        self.limits = limits
        self.name = (path as NSString).lastPathComponent
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        self.fileSize = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw LoreError(.documentCorrupt, "\(name) is not a readable ZIP archive", diagnostic: "\(error)")
        }
        for entry in archive {
            guard entries.count < limits.maxArchiveEntries else {
                throw LoreError(.archiveTooManyEntries, "\(name) has more than \(limits.maxArchiveEntries) entries",
                                details: ["limit": String(limits.maxArchiveEntries)])
            }
            let entryPath = entry.path
            if ArchiveEntryPolicy.isUnsafe(path: entryPath) {
                throw LoreError(.archivePathUnsafe, "\(name) has an entry with an unsafe path (absolute or with '..')",
                                details: ["entry": String(entryPath.prefix(200))])
            }
            if entry.type == .symlink {
                throw LoreError(.archivePathUnsafe, "\(name) has a symbolic link entry",
                                details: ["entry": String(entryPath.prefix(200))])
            }
            guard byPath[entryPath] == nil else {
                // Two parts with one name: readers would disagree on which one counts.
                throw LoreError(.documentCorrupt, "\(name) has two entries named \(entryPath.prefix(200))")
            }
            byPath[entryPath] = entry
            entries.append(EntryInfo(path: entryPath, compressedSize: entry.compressedSize,
                                     declaredSize: entry.uncompressedSize, isDirectory: entry.type == .directory))
        }
    }

    public func contains(_ path: String) -> Bool { byPath[path] != nil }

    /// The inflated bytes of one entry; `maxBytes` lowers the per-entry limit for this read
    /// (an XML part, an image). Exceeding `maxBytes` is `document_too_large`; exceeding the
    /// archive limits is `zip_bomb`.
    public func read(_ path: String, maxBytes: Int? = nil) throws -> [UInt8] {
        guard let entry = byPath[path] else {
            throw LoreError(.documentCorrupt, "\(name) has no entry \(path.prefix(200))")
        }
        var bytes: [UInt8] = []
        try inflate(entry, path: path, maxBytes: maxBytes) { chunk in bytes.append(contentsOf: chunk) }
        return bytes
    }

    /// The bytes of `path`, or nil when there is no such entry.
    public func readIfPresent(_ path: String, maxBytes: Int? = nil) throws -> [UInt8]? {
        contains(path) ? try read(path, maxBytes: maxBytes) : nil
    }

    /// Inflates every entry once, discarding the bytes: proves the whole archive is within the
    /// limits, intact (CRC), free of nested archives and of XML parts declaring a DTD before any
    /// parser reads it.
    public func validateContents() throws {
        for info in entries where !info.isDirectory {
            guard let entry = byPath[info.path] else { continue }
            var doctype = ArchiveEntryPolicy.isXML(path: info.path) ? DoctypeScanner() : nil
            try inflate(entry, path: info.path, maxBytes: nil) { chunk in doctype?.feed(chunk) }
            if doctype?.found == true {
                throw LoreError(.xmlDTDForbidden, "\(name): \(info.path.prefix(200)) declares a DTD, which documents never need",
                                details: ["entry": String(info.path.prefix(200))])
            }
        }
    }

    private func inflate(_ entry: Entry, path: String, maxBytes: Int?, consume: (Data) -> Void) throws {
        guard entry.type == .file else { return }
        let countedBefore = inflated[path]
        var produced: Int64 = 0
        var first = true
        let compressed = max(Int64(clamping: entry.compressedSize), 1)
        let checksum: CRC32
        do {
            checksum = try archive.extract(entry, bufferSize: 64 << 10, skipCRC32: false) { chunk in
                if first, !chunk.isEmpty {
                    first = false
                    if !ArchiveEntryPolicy.isOpaqueObject(path: path), ArchiveEntryPolicy.isArchive([UInt8](chunk.prefix(8))) {
                        throw LoreError(.archiveNested, "\(self.name) contains another archive (\(path.prefix(200)))",
                                        details: ["entry": String(path.prefix(200))])
                    }
                }
                produced += Int64(chunk.count)
                try self.checkLimits(path: path, produced: produced, compressed: compressed,
                                     counted: countedBefore == nil, maxBytes: maxBytes)
                consume(chunk)
            }
        } catch let error as LoreError {
            throw error
        } catch {
            throw LoreError(.documentCorrupt, "\(name): entry \(path.prefix(200)) cannot be inflated", diagnostic: "\(error)")
        }
        if checksum != entry.checksum {
            throw LoreError(.documentCorrupt, "\(name): entry \(path.prefix(200)) fails its checksum")
        }
        if countedBefore == nil {
            inflated[path] = produced
            totalInflated += produced
        }
    }

    private func checkLimits(path: String, produced: Int64, compressed: Int64, counted: Bool, maxBytes: Int?) throws {
        let entry = String(path.prefix(200))
        if produced > limits.maxEntryInflatedBytes {
            throw LoreError(.zipBomb, "\(name): entry \(entry) inflates beyond \(limits.maxEntryInflatedBytes) bytes",
                            details: ["entry": entry, "limit": String(limits.maxEntryInflatedBytes)])
        }
        if produced > limits.compressionRatioFloorBytes, Double(produced) > limits.maxCompressionRatio * Double(compressed) {
            throw LoreError(.zipBomb, "\(name): entry \(entry) compresses more than \(Int(limits.maxCompressionRatio)):1",
                            details: ["entry": entry, "ratio_limit": String(Int(limits.maxCompressionRatio))])
        }
        if counted {
            let total = totalInflated + produced
            if total > limits.maxTotalInflatedBytes {
                throw LoreError(.zipBomb, "\(name) inflates beyond \(limits.maxTotalInflatedBytes) bytes in all",
                                details: ["limit": String(limits.maxTotalInflatedBytes)])
            }
            if total > limits.compressionRatioFloorBytes, Double(total) > limits.maxCompressionRatio * Double(max(fileSize, 1)) {
                throw LoreError(.zipBomb, "\(name) inflates to more than \(Int(limits.maxCompressionRatio)) times its size",
                                details: ["ratio_limit": String(Int(limits.maxCompressionRatio))])
            }
        }
        if let maxBytes, produced > Int64(maxBytes) {
            throw LoreError(.documentTooLarge, "\(name): entry \(entry) is larger than \(maxBytes) bytes",
                            details: ["entry": entry, "limit": String(maxBytes)])
        }
    }
}
