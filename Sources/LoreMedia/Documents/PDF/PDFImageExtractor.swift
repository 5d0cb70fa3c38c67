import Foundation
import LoreCore
import LoreSystem

/// Embedded raster images of a PDF through `pdfimages`: listed first (`-list`), so only pages
/// whose images are within the pixel limits are extracted, up to the count limit and a total
/// pixel budget; masks and images smaller than `minEmbeddedImageSide` are left out.
struct PDFImageExtractor {
    struct Listed: Equatable {
        var page: Int
        var number: Int
        var type: String
        var width: Int
        var height: Int
    }

    let limits: MediaLimits
    /// Most pixels extracted from one document in all (bounds the scratch folder's size).
    var pixelBudget = 400_000_000

    func list(_ path: String) async throws -> [Listed] {
        let output = try await ProcessRunner.run("pdfimages", ["-list", "--", path], limits: limits.toolLimits(maxOutputBytes: 8 << 20))
        guard output.succeeded else { throw PopplerFailure.error(for: output, name: (path as NSString).lastPathComponent, tool: "pdfimages") }
        return Self.parseList(output.standardOutputText)
    }

    static func parseList(_ text: String) -> [Listed] {
        text.split(separator: "\n").dropFirst(2).compactMap { line in
            let columns = line.split(separator: " ")
            guard columns.count >= 5, let page = Int(columns[0]), let number = Int(columns[1]),
                  let width = Int(columns[3]), let height = Int(columns[4]) else { return nil }
            return Listed(page: page, number: number, type: String(columns[2]), width: width, height: height)
        }
    }

    /// Extracts the wanted images of `pages` into `folder` and returns them in page order.
    func extract(_ path: String, listed: [Listed], skippingPages: Set<Int>, into folder: URL,
                 builder: inout DocumentBuilder) async throws {
        let wanted = listed.filter {
            $0.type == "image" && !skippingPages.contains($0.page) && min($0.width, $0.height) >= limits.minEmbeddedImageSide
        }
        guard !wanted.isEmpty else { return }
        var pages: [Int: [Listed]] = Dictionary(grouping: wanted, by: \.page)
        var budget = pixelBudget
        var skipped = 0
        var extractedCount = 0
        for page in pages.keys.sorted() {
            let images = pages[page] ?? []
            let pagePixels = listed.filter { $0.page == page }.reduce(0) { $0 + $1.width * $1.height }
            let tooLarge = images.contains { $0.width * $0.height > limits.maxImagePixels }
            guard !tooLarge, pagePixels <= budget, extractedCount < limits.maxEmbeddedImages else {
                skipped += images.count
                pages[page] = nil
                continue
            }
            budget -= pagePixels
            extractedCount += images.count
        }
        if skipped > 0 { builder.warn("\(skipped) embedded PDF images not extracted (pixel or count limits)") }
        for page in pages.keys.sorted() {
            let root = folder.appendingPathComponent("p\(page)").path
            let output = try await ProcessRunner.run("pdfimages", ["-png", "-j", "-p", "-f", String(page), "-l", String(page), "--", path, root],
                                                     limits: limits.toolLimits(maxOutputBytes: 1 << 20))
            guard output.succeeded else {
                builder.warn("pdfimages could not extract the images of page \(page)")
                continue
            }
            // pdfimages names files <root>-<page>-<n>.<ext>, n counting every image of this
            // one-page run (masks included) from 0: the image's index among the page's listing.
            let onPage = listed.filter { $0.page == page }
            for image in pages[page] ?? [] {
                guard let index = onPage.firstIndex(of: image) else { continue }
                let stem = String(format: "p%d-%03d-%03d", page, page, index)
                for ext in ["jpg", "png"] {
                    let file = folder.appendingPathComponent("\(stem).\(ext)")
                    guard let data = FileManager.default.contents(atPath: file.path) else { continue }
                    builder.addImage([UInt8](data), name: "page \(page) image \(image.number)", page: page)
                    break
                }
            }
            // Leave nothing behind between pages: the folder only grows by one page at a time.
            for file in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(file))
            }
        }
    }
}
