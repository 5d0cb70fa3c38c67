/// A minimal OLE2 compound file (512-byte sectors: header, one FAT sector, one directory
/// sector) naming the given streams; enough for type detection.
enum CompoundFileFixture {
    static func make(streams: [String]) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 512)
        header.replaceSubrange(0..<8, with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        put16(&header, 0x18, 0x003E)   // minor version
        put16(&header, 0x1A, 0x0003)   // major version 3
        put16(&header, 0x1C, 0xFFFE)   // little-endian
        put16(&header, 0x1E, 9)        // 512-byte sectors
        put16(&header, 0x20, 6)        // 64-byte mini sectors
        put32(&header, 0x2C, 1)        // one FAT sector
        put32(&header, 0x30, 1)        // directory starts at sector 1
        put32(&header, 0x38, 4096)     // mini stream cutoff
        put32(&header, 0x3C, 0xFFFFFFFE)
        put32(&header, 0x44, 0xFFFFFFFE)
        for index in 0..<109 { put32(&header, 0x4C + index * 4, index == 0 ? 0 : 0xFFFFFFFF) }
        var fat = [UInt8](repeating: 0xFF, count: 512)
        put32(&fat, 0, 0xFFFFFFFD)     // sector 0: FAT
        put32(&fat, 4, 0xFFFFFFFE)     // sector 1: directory, end of chain
        var directory = [UInt8](repeating: 0, count: 512)
        for (index, name) in (["Root Entry"] + streams.prefix(3)).enumerated() {
            let base = index * 128
            let units = Array(name.utf16)
            for (offset, unit) in units.enumerated() { put16(&directory, base + offset * 2, unit) }
            put16(&directory, base + 0x40, UInt16((units.count + 1) * 2))
            directory[base + 0x42] = index == 0 ? 5 : 2
        }
        return header + fat + directory
    }

    private static func put16(_ bytes: inout [UInt8], _ offset: Int, _ value: UInt16) {
        bytes[offset] = UInt8(value & 0xFF)
        bytes[offset + 1] = UInt8(value >> 8)
    }

    private static func put32(_ bytes: inout [UInt8], _ offset: Int, _ value: UInt32) {
        for index in 0..<4 { bytes[offset + index] = UInt8((value >> (8 * UInt32(index))) & 0xFF) }
    }
}
