import ArgumentParser
import Foundation
import LoreCore
import LoreInference
import LoreSystem

/// `lore bench phash`: do copies match their originals, and do different photos stay apart?
struct BenchPHashCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phash",
        abstract: "Perceptual-hash benchmark: near-duplicate decisions on the ukbench/imagededup photos.",
        discussion: """
            Reads images/near_dup/ukbench_imagededup under --data (or --data itself): 10 base \
            photos and transformed copies named <base>_<change>.jpg. Criteria: every copy matches \
            its original; no two different base photos match. Prints the Hamming distances of \
            every copy to its original, the closest different pairs and a summary of all \
            distances between different photos. With --synthetic (default), ffmpeg also makes \
            mirrored, rotated, resized, re-compressed and grey copies of every base photo and \
            reports how many match (and whether any matches a different photo).
            """
    )

    @Option(help: "The data folder (containing images/near_dup/ukbench_imagededup), or that folder itself.")
    var data: String

    @Option(help: "Write the results as JSON to this file.")
    var json: String?

    @Flag(inversion: .prefixedNo, help: "Also test ffmpeg-made copies of every base photo.")
    var synthetic = true

    struct Hashed {
        var name: String
        var hashes: PerceptualHashes
    }

    struct PairRow: Codable {
        var a: String
        var b: String
        var comparison: NearDuplicateRule.Comparison
    }

    struct DistanceSummary: Codable {
        var hash: String
        var minimum: Int
        var median: Int
        var maximum: Int
    }

    struct SyntheticRow: Codable {
        var change: String
        var matched: Int
        var total: Int
        var maxUprightDistances: [Int]
        var maxCanonicalDistances: [Int]
        var falseMatches: Int
    }

    struct Report: Codable {
        var benchmark = "phash"
        var dataset: String
        var rule: NearDuplicateRule
        var images: Int
        var millisecondsPerImage: Double
        var copies: [PairRow]
        var everyCopyMatches: Bool
        var closestDifferentPairs: [PairRow]
        var differentPairDistances: [DistanceSummary]
        var differentBasePhotosMatching: Int
        var noDifferentPhotosMatch: Bool
        var lowTextureImages: [String]
        var synthetic: [SyntheticRow]?
        var passed: Bool
    }

    func run() async throws {
        try await reportingLoreErrors {
            let folder = try Self.datasetFolder(data)
            let rule = NearDuplicateRule()
            let hasher = PerceptualImageHasher()
            let bases = try jpegs(in: (folder as NSString).appendingPathComponent("base_images"))
            let copies = try jpegs(in: (folder as NSString).appendingPathComponent("transformed"))

            let started = ContinuousClock.now
            var baseHashes: [Hashed] = []
            for path in bases { baseHashes.append(Hashed(name: name(path), hashes: try hash(path, hasher))) }
            var copyHashes: [Hashed] = []
            for path in copies { copyHashes.append(Hashed(name: name(path), hashes: try hash(path, hasher))) }
            let perImage = milliseconds(ContinuousClock.now - started) / Double(max(1, bases.count + copies.count))

            var copyRows: [PairRow] = []
            for copy in copyHashes {
                guard let original = baseHashes.first(where: { copy.name.hasPrefix(stem($0.name) + "_") }) else {
                    throw LoreError(.notFound, "no base photo for \(copy.name)")
                }
                copyRows.append(PairRow(a: original.name, b: copy.name, comparison: rule.compare(original.hashes, copy.hashes)))
            }
            var differentRows: [PairRow] = []
            let everything = baseHashes + copyHashes
            for (i, a) in everything.enumerated() {
                for b in everything[(i + 1)...] where photo(a.name) != photo(b.name) {
                    differentRows.append(PairRow(a: a.name, b: b.name, comparison: rule.compare(a.hashes, b.hashes)))
                }
            }
            let baseNames = Set(baseHashes.map(\.name))
            let differentBaseMatches = differentRows.filter { baseNames.contains($0.a) && baseNames.contains($0.b) && $0.comparison.isNearDuplicate }
            let anyDifferentMatches = differentRows.filter(\.comparison.isNearDuplicate)
            let syntheticRows = synthetic ? try await syntheticCopies(bases, baseHashes, hasher, rule) : nil

            let everyCopyMatches = copyRows.allSatisfy(\.comparison.isNearDuplicate)
            let report = Report(
                dataset: folder, rule: rule, images: everything.count, millisecondsPerImage: perImage,
                copies: copyRows, everyCopyMatches: everyCopyMatches,
                closestDifferentPairs: Array(differentRows.sorted { closeness($0.comparison) < closeness($1.comparison) }.prefix(5)),
                differentPairDistances: summaries(differentRows.map(\.comparison)),
                differentBasePhotosMatching: differentBaseMatches.count,
                noDifferentPhotosMatch: anyDifferentMatches.isEmpty,
                lowTextureImages: everything.filter(\.hashes.lowTexture).map(\.name),
                synthetic: syntheticRows,
                passed: everyCopyMatches && differentBaseMatches.isEmpty)
            print(table(report))
            if let json { try writeJSON(report, to: json) }
        }
    }

    static func datasetFolder(_ data: String) throws -> String {
        let nested = (data as NSString).appendingPathComponent("images/near_dup/ukbench_imagededup")
        for candidate in [nested, data] {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: (candidate as NSString).appendingPathComponent("base_images"), isDirectory: &isDirectory),
               isDirectory.boolValue { return candidate }
        }
        throw LoreError(.notFound, "no base_images folder in \(data) or \(nested)")
    }

    private func jpegs(in folder: String) throws -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let images = names.filter { ["jpg", "jpeg", "png"].contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
        guard !images.isEmpty else { throw LoreError(.notFound, "no images in \(folder)") }
        return images.map { (folder as NSString).appendingPathComponent($0) }
    }

    private func hash(_ path: String, _ hasher: PerceptualImageHasher) throws -> PerceptualHashes {
        guard let data = FileManager.default.contents(atPath: path) else { throw LoreError(.notFound, "cannot read \(path)") }
        return try hasher.hashes(of: EncodedImage(bytes: [UInt8](data)))
    }

    private func name(_ path: String) -> String { (path as NSString).lastPathComponent }
    private func stem(_ name: String) -> String { (name as NSString).deletingPathExtension }
    /// The base photo a file shows: "ukbench00120_hflip.jpg" → "ukbench00120".
    private func photo(_ name: String) -> String { String(stem(name).split(separator: "_").first ?? "") }

    /// Sorts pairs by how near they come to matching on their closer family.
    private func closeness(_ c: NearDuplicateRule.Comparison) -> Int {
        let upright = max(c.dHashDistance, c.pHashDistance)
        guard let d = c.canonicalDHashDistance, let p = c.canonicalPHashDistance else { return upright }
        return min(upright, max(d, p))
    }

    private func summaries(_ comparisons: [NearDuplicateRule.Comparison]) -> [DistanceSummary] {
        let columns: [(String, [Int])] = [
            ("dHash", comparisons.map(\.dHashDistance)),
            ("pHash", comparisons.map(\.pHashDistance)),
            ("canonical dHash", comparisons.compactMap(\.canonicalDHashDistance)),
            ("canonical pHash", comparisons.compactMap(\.canonicalPHashDistance)),
        ]
        return columns.filter { !$0.1.isEmpty }.map { name, values in
            let sorted = values.sorted()
            return DistanceSummary(hash: name, minimum: sorted.first!, median: sorted[sorted.count / 2], maximum: sorted.last!)
        }
    }

    /// ffmpeg filters for copies that should still match their original.
    static let syntheticChanges: [(String, [String])] = [
        ("mirror left-right", ["-vf", "hflip"]),
        ("mirror top-bottom", ["-vf", "vflip"]),
        ("rotate 90°", ["-vf", "transpose=1"]),
        ("rotate 180°", ["-vf", "hflip,vflip"]),
        ("rotate 10°", ["-vf", "rotate=10*PI/180:fillcolor=black"]),
        ("rotate 30°", ["-vf", "rotate=-30*PI/180:fillcolor=black"]),
        ("rotate 45°", ["-vf", "rotate=45*PI/180:fillcolor=black"]),
        ("half size", ["-vf", "scale=iw/2:ih/2"]),
        ("squeeze to square", ["-vf", "scale=300:300"]),
        ("JPEG quality 10%", ["-q:v", "25"]),
        ("grey", ["-vf", "format=gray"]),
        ("brighter, less contrast", ["-vf", "eq=brightness=0.12:contrast=0.8"]),
    ]

    private func syntheticCopies(_ bases: [String], _ baseHashes: [Hashed], _ hasher: PerceptualImageHasher,
                                 _ rule: NearDuplicateRule) async throws -> [SyntheticRow] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lore-phash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var rows: [SyntheticRow] = []
        for (index, change) in Self.syntheticChanges.enumerated() {
            var row = SyntheticRow(change: change.0, matched: 0, total: 0, maxUprightDistances: [0, 0], maxCanonicalDistances: [0, 0], falseMatches: 0)
            for (baseIndex, base) in bases.enumerated() {
                let output = folder.appendingPathComponent("\(index)-\(baseIndex).jpg").path
                let made = try await ProcessRunner.run("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", base]
                                                       + change.1 + ["-frames:v", "1", output])
                guard made.succeeded else { throw LoreError(.processFailed, "ffmpeg could not make a '\(change.0)' copy: \(made.standardError)") }
                let copy = try hash(output, hasher)
                let comparison = rule.compare(baseHashes[baseIndex].hashes, copy)
                row.total += 1
                if comparison.isNearDuplicate { row.matched += 1 }
                row.maxUprightDistances = [max(row.maxUprightDistances[0], comparison.dHashDistance),
                                           max(row.maxUprightDistances[1], comparison.pHashDistance)]
                row.maxCanonicalDistances = [max(row.maxCanonicalDistances[0], comparison.canonicalDHashDistance ?? 0),
                                             max(row.maxCanonicalDistances[1], comparison.canonicalPHashDistance ?? 0)]
                for (otherIndex, other) in baseHashes.enumerated() where otherIndex != baseIndex {
                    if rule.isNearDuplicate(other.hashes, copy) { row.falseMatches += 1 }
                }
            }
            rows.append(row)
        }
        return rows
    }

    private func table(_ report: Report) -> String {
        func distances(_ c: NearDuplicateRule.Comparison) -> [String] {
            [String(c.dHashDistance), String(c.pHashDistance),
             c.canonicalDHashDistance.map(String.init) ?? "-", c.canonicalPHashDistance.map(String.init) ?? "-"]
        }
        let rule = report.rule
        var text = "pHash benchmark — \(report.dataset)\n"
        text += "rule: near-duplicate when dHash ≤ \(rule.maxDHashDistance) and pHash ≤ \(rule.maxPHashDistance), "
            + "or canonical dHash ≤ \(rule.maxCanonicalDHashDistance) and canonical pHash ≤ \(rule.maxCanonicalPHashDistance); "
            + "\(report.images) images, \(String(format: "%.1f", report.millisecondsPerImage)) ms per image\n\n"
        var rows = [["original", "copy", "dHash", "pHash", "canon. dHash", "canon. pHash", "match", "by"]]
        for row in report.copies {
            rows.append([row.a, row.b] + distances(row.comparison) + [row.comparison.isNearDuplicate ? "yes" : "NO", row.comparison.matchedBy ?? "-"])
        }
        text += TextTable.render(rows)
        text += "\n\nclosest pairs of different photos:\n"
        rows = [["a", "b", "dHash", "pHash", "canon. dHash", "canon. pHash", "match"]]
        for row in report.closestDifferentPairs {
            rows.append([row.a, row.b] + distances(row.comparison) + [row.comparison.isNearDuplicate ? "YES" : "no"])
        }
        text += TextTable.render(rows)
        text += "\n\ndistances between different photos (all pairs, copies included):\n"
        rows = [["hash", "min", "median", "max"]]
        for summary in report.differentPairDistances {
            rows.append([summary.hash, String(summary.minimum), String(summary.median), String(summary.maximum)])
        }
        text += TextTable.render(rows)
        if let synthetic = report.synthetic {
            text += "\n\nffmpeg-made copies of every base photo:\n"
            rows = [["change", "matched", "max upright d/p", "max canonical d/p", "false matches"]]
            for row in synthetic {
                rows.append([row.change, "\(row.matched)/\(row.total)",
                             row.maxUprightDistances.map(String.init).joined(separator: "/"),
                             row.maxCanonicalDistances.map(String.init).joined(separator: "/"), String(row.falseMatches)])
            }
            text += TextTable.render(rows)
        }
        text += "\n\nlow-texture images: \(report.lowTextureImages.isEmpty ? "none" : report.lowTextureImages.joined(separator: ", "))"
        text += "\ncriterion 1, every copy matches its original: \(report.everyCopyMatches ? "yes" : "NO")"
        text += "\ncriterion 2, no two different base photos match: \(report.differentBasePhotosMatching == 0 ? "yes" : "NO (\(report.differentBasePhotosMatching))")"
        text += "\n(no different photos match at all, copies included: \(report.noDifferentPhotosMatch ? "yes" : "no"))"
        text += "\npassed: \(report.passed ? "yes" : "NO")"
        return text
    }
}
