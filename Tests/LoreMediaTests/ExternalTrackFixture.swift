import Foundation

/// Turns an MP4 written by ffmpeg (index at the end) into a QuickTime "reference movie": its
/// first track's data reference becomes a Macintosh alias record naming another file, the way
/// old QuickTime files point at media stored elsewhere.
enum ExternalTrackFixture {
    struct Box {
        var offset: Int
        var size: Int
        var type: String
    }

    static func boxes(in bytes: [UInt8], from start: Int, to end: Int) -> [Box] {
        var result: [Box] = []
        var offset = start
        while offset + 8 <= end {
            let size = Int(readUInt32(bytes, offset))
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            guard size >= 8, offset + size <= end else { break }
            result.append(Box(offset: offset, size: size, type: type))
            offset += size
        }
        return result
    }

    /// Replaces the first track's `dref` with one `alis` entry whose absolute path is `target`.
    static func referencing(_ target: String, in mp4: [UInt8]) throws -> [UInt8] {
        var chain: [Box] = []
        var children = boxes(in: mp4, from: 0, to: mp4.count)
        for name in ["moov", "trak", "mdia", "minf", "dinf", "dref"] {
            guard let box = children.first(where: { $0.type == name }) else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSDebugDescriptionErrorKey: "no \(name) box"])
            }
            chain.append(box)
            children = boxes(in: mp4, from: box.offset + 8, to: box.offset + box.size)
        }
        guard let moov = chain.first, let mdat = boxes(in: mp4, from: 0, to: mp4.count).first(where: { $0.type == "mdat" }),
              mdat.offset < moov.offset else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSDebugDescriptionErrorKey: "the index must follow the data"])
        }
        var path = Array(target.utf8)
        let pathLength = path.count
        if path.count % 2 == 1 { path.append(0) }
        // Alias record: 10 skipped, volume (1 + 27), 12 skipped, file name (1 + 63), 16 skipped,
        // levels from/to (2 + 2), 16 skipped; then records (type, length, data) ending with -1.
        var record = [UInt8](repeating: 0, count: 150)
        let fileName = Array((target as NSString).lastPathComponent.utf8.prefix(63))
        record[50] = UInt8(fileName.count)
        record.replaceSubrange(51..<(51 + fileName.count), with: fileName)
        record[133] = 1 // nlvl_from
        record[135] = 1 // nlvl_to
        record += uint16(2) + uint16(UInt16(pathLength)) + path + [0xFF, 0xFF, 0, 0]
        let entry = uint32(UInt32(12 + record.count)) + Array("alis".utf8) + [0, 0, 0, 0] + record
        let dref = uint32(UInt32(16 + entry.count)) + Array("dref".utf8) + [0, 0, 0, 0] + uint32(1) + entry
        let old = chain[chain.count - 1]
        let delta = dref.count - old.size
        var result = mp4
        result.replaceSubrange(old.offset..<(old.offset + old.size), with: dref)
        for box in chain.dropLast() {
            result.replaceSubrange(box.offset..<(box.offset + 4), with: uint32(UInt32(box.size + delta)))
        }
        return result
    }

    private static func readUInt32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        (offset..<offset + 4).reduce(0) { $0 << 8 | UInt32(bytes[$1]) }
    }
    private static func uint32(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.bigEndian, Array.init) }
    private static func uint16(_ value: UInt16) -> [UInt8] { withUnsafeBytes(of: value.bigEndian, Array.init) }
}
