import Foundation
import Testing
import LoreCore
@testable import LoreMedia

@Suite struct SafeZipArchiveTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    func code(_ entries: [ZipFixtures.Entry], limits: MediaLimits = MediaLimits(), validate: Bool = true) throws -> ErrorCode? {
        let path = folder.path("test-\(UUID().uuidString).zip")
        try ZipFixtures.write(entries, to: path)
        do {
            let archive = try SafeZipArchive(path: path, limits: limits)
            if validate { try archive.validateContents() }
            return nil
        } catch let error as LoreError {
            return error.code
        }
    }

    @Test func readsOrdinaryEntries() throws {
        let path = folder.path("ok.zip")
        try ZipFixtures.write([.file("a/b.xml", Array("<x>hello</x>".utf8)), .stored("c.txt", Array("plain".utf8))], to: path)
        let archive = try SafeZipArchive(path: path)
        try archive.validateContents()
        #expect(archive.entries.map(\.path) == ["a/b.xml", "c.txt"])
        #expect(String(decoding: try archive.read("a/b.xml"), as: UTF8.self) == "<x>hello</x>")
        #expect(try archive.readIfPresent("missing") == nil)
    }

    @Test func aGigabyteOfZerosStopsAtTheRatioLimit() async throws {
        let bomb = try await ZipBombCache.shared.docxBomb()
        do {
            try SafeZipArchive(path: bomb).validateContents()
            Issue.record("the bomb was accepted")
        } catch let error as LoreError {
            #expect(error.code == .zipBomb)
            #expect(error.details["entry"] == "word/media/zeros.bin")
        }
    }

    @Test func perEntryAndTotalLimitsHoldWhateverTheHeadersSay() throws {
        // Without the ratio rule, the byte limits still stop inflation.
        var limits = MediaLimits()
        limits.maxCompressionRatio = 1_000_000
        limits.maxEntryInflatedBytes = 4 << 20
        #expect(try code([.zeros("big.bin", size: 8 << 20)], limits: limits) == .zipBomb)
        limits.maxEntryInflatedBytes = 8 << 20
        limits.maxTotalInflatedBytes = 10 << 20
        #expect(try code([.zeros("one.bin", size: 6 << 20), .zeros("two.bin", size: 6 << 20)], limits: limits) == .zipBomb)
        // The ratio applies per entry once past the floor.
        #expect(try code([.zeros("dense.bin", size: 3 << 20)]) == .zipBomb)
        #expect(try code([.zeros("small.bin", size: 512 << 10)]) == nil)
    }

    @Test func unsafePathsAndLinksAreRefused() throws {
        #expect(try code([.file("../evil.txt", [1])]) == .archivePathUnsafe)
        #expect(try code([.file("word/../../evil.txt", [1])]) == .archivePathUnsafe)
        #expect(try code([.file("/etc/cron.d/evil", [1])]) == .archivePathUnsafe)
        #expect(try code([.file("C:\\Windows\\evil.dll", [1])]) == .archivePathUnsafe)
        #expect(try code([.symlink("word/link", target: "/etc/passwd")]) == .archivePathUnsafe)
    }

    @Test func nestedArchivesAreRefusedOutsideEmbeddedObjects() throws {
        let inner = try ZipFixtures.bytes([.file("inner.txt", Array("x".utf8))])
        #expect(try code([.stored("word/media/inner.zip", inner)]) == .archiveNested)
        #expect(try code([.file("disguised.png", inner)]) == .archiveNested)
        #expect(try code([.file("data.gz", [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0])]) == .archiveNested)
        // Word keeps each chart's workbook in word/embeddings; it is counted, never opened.
        #expect(try code([.stored("word/embeddings/Microsoft_Excel_Worksheet.xlsx", inner)]) == nil)
    }

    @Test func entryCountDuplicatesAndDamage() throws {
        var limits = MediaLimits()
        limits.maxArchiveEntries = 50
        #expect(try code((0..<60).map { .file("e\($0).txt", [UInt8($0)]) }, limits: limits, validate: false) == .archiveTooManyEntries)
        #expect(try code([.file("same.xml", [1]), .file("same.xml", [2])], validate: false) == .documentCorrupt)

        // A damaged entry (flipped compressed bytes) fails inflation or its checksum.
        var bytes = try ZipFixtures.bytes([.file("text.txt", Array(String(repeating: "lorem ipsum dolor ", count: 200).utf8))])
        bytes[60] ^= 0xFF
        bytes[61] ^= 0xFF
        let damaged = try folder.write(bytes, as: "damaged.zip")
        #expect(throws: LoreError.self) { try SafeZipArchive(path: damaged).validateContents() }
        let truncated = try folder.write(Array(bytes.prefix(40)), as: "truncated.zip")
        #expect { _ = try SafeZipArchive(path: truncated) } throws: { ($0 as? LoreError)?.code == .documentCorrupt }
    }
}
