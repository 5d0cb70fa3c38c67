import Foundation
import LoreCore
import LoreSystem

/// What `pdfinfo` reports about a PDF: page count, first page size, metadata.
public struct PDFInfo: Sendable, Codable, Hashable {
    public var pageCount: Int
    /// The first page's size in points.
    public var pageWidth: Double?
    public var pageHeight: Double?
    public var title: String?
    public var author: String?
    public var producer: String?
    /// Encrypted with an empty user password (permissions only): readable.
    public var isEncrypted: Bool

    /// Runs pdfinfo under the tool limits. A file pdfinfo cannot open is `document_corrupt`,
    /// one that needs a password `pdf_encrypted`.
    public static func read(_ path: String, limits: MediaLimits) async throws -> PDFInfo {
        let name = (path as NSString).lastPathComponent
        let output = try await ProcessRunner.run("pdfinfo", ["-enc", "UTF-8", "--", path],
                                                 limits: limits.toolLimits(maxOutputBytes: 1 << 20))
        if !output.succeeded {
            throw PopplerFailure.error(for: output, name: name, tool: "pdfinfo")
        }
        let info = parse(output.standardOutputText)
        guard info.pageCount > 0 else { throw LoreError(.documentCorrupt, "\(name) has no readable pages") }
        return info
    }

    static func parse(_ text: String) -> PDFInfo {
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if fields[key] == nil { fields[key] = value }
        }
        var info = PDFInfo(pageCount: Int(fields["Pages"] ?? "") ?? 0, title: fields["Title"].flatMap(nonEmpty),
                           author: fields["Author"].flatMap(nonEmpty), producer: fields["Producer"].flatMap(nonEmpty),
                           isEncrypted: fields["Encrypted"]?.hasPrefix("yes") ?? false)
        // "Page size:       595.276 x 841.89 pts (A4)"
        if let size = fields["Page size"] {
            let numbers = size.split(separator: " ").compactMap { Double($0) }
            if numbers.count >= 2 {
                info.pageWidth = numbers[0]
                info.pageHeight = numbers[1]
            }
        }
        return info
    }

    private static func nonEmpty(_ value: String) -> String? { value.isEmpty ? nil : value }
}

/// Turns a failed poppler run into a precise error.
enum PopplerFailure {
    static func error(for output: ProcessOutput, name: String, tool: String) -> LoreError {
        let stderr = output.standardError
        let reason = stderr.split(separator: "\n").last.map(String.init) ?? "exit \(output.exitCode)"
        if stderr.localizedCaseInsensitiveContains("password") {
            return LoreError(.pdfEncrypted, "\(name) is password-protected")
        }
        if stderr.localizedCaseInsensitiveContains("copying of text") {
            return LoreError(.pdfEncrypted, "\(name) forbids copying its text")
        }
        if output.signal != nil {
            return LoreError(.documentCorrupt, "\(tool) stopped on \(name) (signal \(output.signal!): a resource limit or a crash)",
                             diagnostic: String(reason.prefix(300)))
        }
        return LoreError(.documentCorrupt, "\(name) is not a readable PDF", diagnostic: "\(tool): \(reason.prefix(300))")
    }
}
