import Foundation

/// Names the streams of an OLE2 compound file (legacy DOC/PPT/XLS, encrypted OOXML, Outlook
/// messages) by walking its directory sectors through the FAT, within fixed bounds.
enum CompoundFileSniffer {
    static func classify(fileAt path: String) -> BinarySignature {
        let names = (try? streamNames(fileAt: path)) ?? []
        if names.contains("WordDocument") { return .type(.document(.doc, "application/msword")) }
        if names.contains("PowerPoint Document") { return .type(.document(.ppt, "application/vnd.ms-powerpoint")) }
        if names.contains("Workbook") || names.contains("Book") { return .type(.document(.xls, "application/vnd.ms-excel")) }
        if names.contains("EncryptedPackage") {
            return .unsupported(contentType: "application/x-ole-storage", what: "a password-protected Office document")
        }
        return .unsupported(contentType: "application/x-ole-storage", what: "an OLE2 compound file that is no Word or PowerPoint document")
    }

    /// Directory entry names (at most 64 directory sectors are read).
    static func streamNames(fileAt path: String) throws -> Set<String> {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        let header = try read(handle, offset: 0, count: 512)
        guard header.count == 512 else { return [] }
        let shift = Int(u16(header, 0x1E))
        guard shift == 9 || shift == 12 else { return [] }
        let sectorSize = 1 << shift
        let difat = (0..<109).map { u32(header, 0x4C + $0 * 4) }
        var sector = u32(header, 0x30)
        var names = Set<String>()
        var visited = Set<UInt32>()
        var fatCache: [UInt32: [UInt8]] = [:]
        while sector < 0xFFFFFFFA, visited.count < 64, visited.insert(sector).inserted {
            let data = try read(handle, offset: UInt64(sector + 1) * UInt64(sectorSize), count: sectorSize)
            guard data.count == sectorSize else { break }
            for entry in stride(from: 0, to: sectorSize, by: 128) {
                let nameLength = Int(u16(data, entry + 0x40))
                guard nameLength >= 2, nameLength <= 64 else { continue }
                let units = (0..<(nameLength / 2 - 1)).map { u16(data, entry + $0 * 2) }
                names.insert(String(decoding: units, as: UTF16.self))
            }
            // Next directory sector from the FAT (only FAT sectors named in the header's DIFAT).
            let perSector = UInt32(sectorSize / 4)
            let fatIndex = Int(sector / perSector)
            guard fatIndex < difat.count, difat[fatIndex] < 0xFFFFFFFA else { break }
            let fatSectorID = difat[fatIndex]
            if fatCache[fatSectorID] == nil {
                fatCache[fatSectorID] = try read(handle, offset: UInt64(fatSectorID + 1) * UInt64(sectorSize), count: sectorSize)
            }
            guard let fat = fatCache[fatSectorID], fat.count == sectorSize else { break }
            sector = u32(fat, Int(sector % perSector) * 4)
        }
        return names
    }

    private static func read(_ handle: FileHandle, offset: UInt64, count: Int) throws -> [UInt8] {
        try handle.seek(toOffset: offset)
        return [UInt8](try handle.read(upToCount: count) ?? Data())
    }

    private static func u16(_ b: [UInt8], _ i: Int) -> UInt16 {
        i + 2 <= b.count ? UInt16(b[i]) | UInt16(b[i + 1]) << 8 : 0
    }

    private static func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
        i + 4 <= b.count ? UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24 : 0xFFFFFFFF
    }
}
