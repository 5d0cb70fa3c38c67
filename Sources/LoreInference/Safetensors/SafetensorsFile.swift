import Foundation
import LoreCore
#if canImport(Glibc)
import Glibc
#endif

/// A memory-mapped safetensors file: 8-byte little-endian header length N, N bytes of JSON
/// header, then raw tensor data with offsets relative to byte 8 + N.
///
/// Opening validates everything a reader could trip over later — header size, JSON shape,
/// known dtypes, shapes that match byte ranges, ranges inside the file and not overlapping —
/// so a truncated or damaged file fails here, with its path in the message, and never as an
/// out-of-bounds read in the middle of an inference. The mapping is read-only and immutable,
/// so instances are safe to share between threads.
public final class SafetensorsFile: @unchecked Sendable {
    /// Headers larger than this are not model headers (the format caps them at 100 MB).
    public static let maxHeaderBytes = 100_000_000

    public let url: URL
    public let tensors: [String: SafetensorsTensorInfo]
    public let metadata: [String: String]
    private let mapping: UnsafeRawPointer
    private let fileSize: Int
    private let dataStart: Int

    public init(url: URL) throws {
        self.url = url
        let path = url.path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw LoreError(errno == ENOENT ? .modelMissing : .modelCorrupt, "\(path): cannot open (\(reason))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            throw LoreError(.modelCorrupt, "\(path): not a regular file")
        }
        let size = Int(status.st_size)
        guard size >= 8 else {
            throw LoreError(.modelCorrupt, "\(path): \(size) bytes is too short for a safetensors file (truncated?)")
        }
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED else {
            throw LoreError(.modelCorrupt, "\(path): cannot map the file (\(String(cString: strerror(errno))))")
        }
        let base = UnsafeRawPointer(mapped)
        do {
            let header = try Self.parseHeader(base: base, fileSize: size, path: path)
            self.tensors = header.tensors
            self.metadata = header.metadata
            self.dataStart = header.dataStart
        } catch {
            munmap(mapped, size)
            throw error
        }
        self.mapping = base
        self.fileSize = size
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: mapping), fileSize)
    }

    /// The tensor called `name`, which must exist with the given dtype (and shape, when given).
    public func info(_ name: String, dtype: SafetensorsDType, shape: [Int]? = nil) throws -> SafetensorsTensorInfo {
        guard let info = tensors[name] else {
            throw LoreError(.modelCorrupt, "\(url.path): tensor \(name) is missing")
        }
        guard info.dtype == dtype else {
            throw LoreError(.modelCorrupt, "\(url.path): tensor \(name) is \(info.dtype.rawValue), expected \(dtype.rawValue)")
        }
        if let shape, info.shape != shape {
            throw LoreError(.modelCorrupt, "\(url.path): tensor \(name) has shape \(info.shape), expected \(shape)")
        }
        return info
    }

    /// The raw bytes of a tensor, valid while this file is alive.
    public func bytes(of info: SafetensorsTensorInfo) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: mapping + dataStart + info.dataRange.lowerBound, count: info.dataRange.count)
    }

    /// Copies an F32 tensor into `destination` (which must hold `elementCount` floats). Copying,
    /// rather than pointing into the mapping, gives the compute kernels aligned memory whatever
    /// the header length happens to be.
    public func copyFloats(_ name: String, shape: [Int], into destination: UnsafeMutablePointer<Float>) throws {
        let info = try info(name, dtype: .float32, shape: shape)
        let source = bytes(of: info)
        UnsafeMutableRawPointer(destination).copyMemory(from: source.baseAddress!, byteCount: source.count)
    }

    /// The whole file, for checksumming.
    public var fileBytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: mapping, count: fileSize) }

    private struct Header {
        var tensors: [String: SafetensorsTensorInfo]
        var metadata: [String: String]
        var dataStart: Int
    }

    private static func parseHeader(base: UnsafeRawPointer, fileSize: Int, path: String) throws -> Header {
        let declared = UInt64(littleEndian: base.loadUnaligned(as: UInt64.self))
        guard declared > 0, declared <= UInt64(maxHeaderBytes) else {
            throw LoreError(.modelCorrupt, "\(path): header length \(declared) is not plausible (corrupt file?)")
        }
        let headerLength = Int(declared)
        guard 8 + headerLength <= fileSize else {
            throw LoreError(.modelCorrupt, "\(path): header length \(headerLength) runs past the end of the \(fileSize)-byte file (truncated?)")
        }
        let headerData = Data(bytes: base + 8, count: headerLength)
        let entries: [String: HeaderEntry]
        do {
            entries = try JSONDecoder().decode([String: HeaderEntry].self, from: headerData)
        } catch {
            throw LoreError(.modelCorrupt, "\(path): the header is not valid safetensors JSON")
        }
        let dataStart = 8 + headerLength
        let dataLength = fileSize - dataStart
        var tensors: [String: SafetensorsTensorInfo] = [:]
        var metadata: [String: String] = [:]
        for (name, entry) in entries {
            switch entry {
            case .metadata(let pairs) where name == "__metadata__":
                metadata = pairs
            case .tensor(let fields) where name != "__metadata__":
                tensors[name] = try validate(name: name, fields: fields, dataLength: dataLength, path: path)
            default:
                throw LoreError(.modelCorrupt, "\(path): header entry \(name) is malformed")
            }
        }
        try checkNoOverlap(Array(tensors.values), path: path)
        return Header(tensors: tensors, metadata: metadata, dataStart: dataStart)
    }

    private struct TensorFields: Decodable {
        var dtype: String
        var shape: [Int]
        var data_offsets: [Int]
    }

    private enum HeaderEntry: Decodable {
        case tensor(TensorFields)
        case metadata([String: String])

        init(from decoder: any Decoder) throws {
            if let fields = try? TensorFields(from: decoder) {
                self = .tensor(fields)
            } else {
                self = .metadata(try [String: String](from: decoder))
            }
        }
    }

    private static func validate(name: String, fields: TensorFields, dataLength: Int, path: String) throws -> SafetensorsTensorInfo {
        guard let dtype = SafetensorsDType(rawValue: fields.dtype) else {
            throw LoreError(.modelCorrupt, "\(path): tensor \(name) has unknown dtype \(fields.dtype)")
        }
        guard fields.data_offsets.count == 2, fields.shape.allSatisfy({ $0 >= 0 }) else {
            throw LoreError(.modelCorrupt, "\(path): tensor \(name) has a malformed shape or offsets")
        }
        let begin = fields.data_offsets[0], end = fields.data_offsets[1]
        var elements = 1
        for dimension in fields.shape {
            let (product, overflow) = elements.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw LoreError(.modelCorrupt, "\(path): tensor \(name) has an impossible shape \(fields.shape)") }
            elements = product
        }
        let (byteCount, overflow) = elements.multipliedReportingOverflow(by: dtype.byteSize)
        guard !overflow, begin >= 0, begin <= end, end - begin == byteCount else {
            throw LoreError(.modelCorrupt, "\(path): tensor \(name) has offsets [\(begin), \(end)] that do not match its shape \(fields.shape) of \(fields.dtype)")
        }
        guard end <= dataLength else {
            throw LoreError(.modelCorrupt, "\(path): tensor \(name) ends at byte \(end) of a \(dataLength)-byte data section (truncated?)")
        }
        return SafetensorsTensorInfo(name: name, dtype: dtype, shape: fields.shape, dataRange: begin..<end)
    }

    private static func checkNoOverlap(_ infos: [SafetensorsTensorInfo], path: String) throws {
        let sorted = infos.filter { !$0.dataRange.isEmpty }.sorted { $0.dataRange.lowerBound < $1.dataRange.lowerBound }
        for (previous, next) in zip(sorted, sorted.dropFirst()) where next.dataRange.lowerBound < previous.dataRange.upperBound {
            throw LoreError(.modelCorrupt, "\(path): tensors \(previous.name) and \(next.name) overlap")
        }
    }
}
