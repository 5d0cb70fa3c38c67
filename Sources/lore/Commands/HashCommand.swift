import ArgumentParser
import Foundation
import LoreCore
import LoreInference

/// `lore hash IMAGE…`: perceptual hashes, and which of the inputs are near-duplicates.
struct HashCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "Print perceptual hashes (dHash, pHash) of images and their near-duplicate pairs.",
        discussion: """
            Hashes are 64-bit, printed as 16 hex digits: the upright dHash and pHash, and the \
            same pair over the canonically oriented central disc (matches rotated and mirrored \
            copies). Two images are near-duplicates when both upright distances, or both \
            canonical distances, are within the thresholds; low-texture images never are.
            """
    )

    @Argument(help: "Image files (or videos: their first frame).")
    var images: [String]

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Option(help: "Largest dHash and pHash Hamming distance for a near-duplicate.")
    var threshold = NearDuplicateRule().maxPHashDistance

    struct Entry: Codable {
        var path: String
        var dHash: String
        var pHash: String
        var canonicalDHash: String?
        var canonicalPHash: String?
        var lowTexture: Bool
    }

    struct Pair: Codable {
        var a: String
        var b: String
        var comparison: NearDuplicateRule.Comparison
    }

    struct Report: Codable {
        var images: [Entry]
        var nearDuplicates: [Pair]
        var rule: NearDuplicateRule
    }

    func validate() throws {
        guard !images.isEmpty else { throw ValidationError("give at least one image") }
        guard (0...64).contains(threshold) else { throw ValidationError("--threshold must be between 0 and 64") }
    }

    func run() async throws {
        try await reportingLoreErrors {
            let hasher = PerceptualImageHasher()
            let loader = ImageFileLoader()
            var hashes: [PerceptualHashes] = []
            for path in images {
                do {
                    hashes.append(try hasher.hashes(of: try await loader.load(fileAt: path)))
                } catch let error as LoreError where !error.message.contains((path as NSString).lastPathComponent) {
                    throw LoreError(error.code, "\(path): \(error.message)", details: error.details)
                }
            }
            let rule = NearDuplicateRule(maxDHashDistance: threshold, maxPHashDistance: threshold,
                                         maxCanonicalDHashDistance: threshold, maxCanonicalPHashDistance: threshold)
            var pairs: [Pair] = []
            for i in images.indices {
                for j in images.indices where j > i {
                    let comparison = rule.compare(hashes[i], hashes[j])
                    if comparison.isNearDuplicate { pairs.append(Pair(a: images[i], b: images[j], comparison: comparison)) }
                }
            }
            let entries = zip(images, hashes).map { path, hash in
                Entry(path: path, dHash: hex(hash.dHash), pHash: hex(hash.pHash),
                      canonicalDHash: hash.canonicalDHash.map(hex), canonicalPHash: hash.canonicalPHash.map(hex),
                      lowTexture: hash.lowTexture)
            }
            let report = Report(images: entries, nearDuplicates: pairs, rule: rule)
            print(json ? try jsonText(report) : table(report))
        }
    }

    private func table(_ report: Report) -> String {
        var rows = [["image", "dHash", "pHash", "canonical dHash", "canonical pHash", "low texture"]]
        for entry in report.images {
            rows.append([entry.path, entry.dHash, entry.pHash, entry.canonicalDHash ?? "-", entry.canonicalPHash ?? "-",
                         entry.lowTexture ? "yes" : "no"])
        }
        var text = TextTable.render(rows)
        text += "\n\nnear-duplicate pairs (threshold \(threshold)): \(report.nearDuplicates.count)"
        for pair in report.nearDuplicates {
            let c = pair.comparison
            text += "\n  \(pair.a)  ≈  \(pair.b)  (by \(c.matchedBy ?? "-"); d \(c.dHashDistance), p \(c.pHashDistance)"
                + ", canonical d \(c.canonicalDHashDistance.map(String.init) ?? "-"), p \(c.canonicalPHashDistance.map(String.init) ?? "-"))"
        }
        return text
    }
}

func hex(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}
