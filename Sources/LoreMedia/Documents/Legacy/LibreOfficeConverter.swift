import Foundation
import LoreCore
import LoreSystem

/// Legacy and OpenDocument formats (DOC, PPT, ODT, ODP, RTF) converted by LibreOffice headless
/// into DOCX/PPTX, then parsed like those. LibreOffice is optional: without it these formats
/// are `unsupported_media_type` with a message saying so. Each conversion runs with a private
/// profile and home in a scratch folder, under the tool limits (more address space: LibreOffice
/// maps a lot), and without network access when the system allows a private network namespace.
struct LibreOfficeConverter {
    let context: DocumentParsingContext

    func parse(_ path: String, format: DocumentFormat, contentType: String) async throws -> ParsedDocument {
        guard let soffice = Self.locate(context.libreOfficePath) else {
            throw LoreError(.unsupportedMediaType, "install LibreOffice to ingest .\(format.rawValue) files (scripts/setup --with-libreoffice)",
                            details: ["content_type": contentType])
        }
        let target = format == .ppt || format == .odp ? "pptx" : "docx"
        return try await ScratchDirectory.with(in: context.temporaryDirectory) { folder in
            let input = folder.appendingPathComponent("input.\(format.rawValue)")
            let output = folder.appendingPathComponent("out", isDirectory: true)
            do {
                try FileManager.default.copyItem(atPath: path, toPath: input.path)
            } catch {
                throw LoreError(.notFound, "cannot read \((path as NSString).lastPathComponent)", diagnostic: "\(error)")
            }
            var arguments = ["--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo", "--nofirststartwizard",
                             "-env:UserInstallation=file://\(folder.path)/profile",
                             "--convert-to", target, "--outdir", output.path, input.path]
            var program = soffice
            if await NetworkIsolation.shared.isAvailable() {
                arguments = ["--net", "--", soffice] + arguments
                program = "unshare"
            }
            var limits = context.limits.toolLimits(maxOutputBytes: 1 << 20)
            limits.addressSpaceBytes = max(context.limits.toolMemoryBytes, 8 << 30)
            let result = try await ProcessRunner.run(program, arguments, environment: ["HOME": folder.path, "SAL_USE_VCLPLUGIN": "svp"],
                                                     limits: limits)
            let converted = output.appendingPathComponent("input.\(target)")
            guard result.succeeded, FileManager.default.fileExists(atPath: converted.path) else {
                throw LoreError(.documentCorrupt, "LibreOffice could not convert \((path as NSString).lastPathComponent)",
                                diagnostic: String(result.standardError.suffix(300)))
            }
            var parsed = target == "pptx"
                ? try PPTXParser(limits: context.limits).parse(converted.path)
                : try DOCXParser(limits: context.limits).parse(converted.path)
            parsed.format = format
            parsed.contentType = contentType
            return parsed
        }
    }

    /// `soffice` from the given path, else from `PATH` (Debian installs it in /usr/bin).
    static func locate(_ explicit: String?) -> String? {
        if let explicit { return try? ProcessRunner.resolve(explicit) }
        return (try? ProcessRunner.resolve("soffice")) ?? (try? ProcessRunner.resolve("libreoffice"))
    }
}

/// Whether `unshare --net` works here (root, or unprivileged user namespaces), checked once.
actor NetworkIsolation {
    static let shared = NetworkIsolation()
    private var available: Bool?

    func isAvailable() async -> Bool {
        if let available { return available }
        let output = try? await ProcessRunner.run("unshare", ["--net", "--", "true"], limits: ProcessLimits(wallClock: .seconds(10)))
        let result = output?.succeeded ?? false
        available = result
        return result
    }
}
