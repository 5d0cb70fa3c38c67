import Foundation
import LoreCore
import LoreSystem

/// Renders one PDF page to a grey PNG with `pdftoppm` for OCR, at a resolution capped so the
/// picture stays within `maxRenderPixels` and `maxImageDimension`: a page with a huge MediaBox
/// is rendered coarser, never larger.
struct PDFPageRenderer {
    let limits: MediaLimits

    /// The resolution for a page of `width` × `height` points.
    func dpi(width: Double, height: Double) -> Double {
        guard width > 0, height > 0 else { return limits.maxRenderDPI }
        let byPixels = 72 * (Double(limits.maxRenderPixels) / (width * height)).squareRoot()
        let bySide = 72 * Double(limits.maxImageDimension) / max(width, height)
        return max(1, min(limits.maxRenderDPI, byPixels, bySide).rounded(.down))
    }

    func render(_ path: String, page: Int, dpi: Double) async throws -> [UInt8] {
        let output = try await ProcessRunner.run("pdftoppm", [
            "-png", "-gray", "-r", String(format: "%.0f", dpi), "-f", String(page), "-l", String(page), "-singlefile", "--", path,
        ], limits: limits.toolLimits(maxOutputBytes: limits.maxRenderPixels * 2 + (1 << 20)))
        guard output.succeeded, !output.standardOutput.isEmpty else {
            throw PopplerFailure.error(for: output, name: (path as NSString).lastPathComponent, tool: "pdftoppm")
        }
        return output.standardOutput
    }
}
