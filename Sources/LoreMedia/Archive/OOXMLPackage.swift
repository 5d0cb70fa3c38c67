import Foundation
import LoreCore

/// An Office Open XML package (DOCX, PPTX, XLSX) on top of a `SafeZipArchive`: content types,
/// the main part, and relationships between parts. External relationship targets (links,
/// linked images) are never followed.
final class OOXMLPackage {
    struct Relationship: Sendable, Hashable {
        var id: String
        /// The last path component of the relationship type URI, e.g. `officeDocument`, `image`.
        var type: String
        /// The target part's path inside the package, resolved; nil for external targets.
        var target: String?
    }

    let archive: SafeZipArchive
    /// Part name (without leading slash) → content type, from `[Content_Types].xml` overrides.
    let overrides: [String: String]
    /// File extension (lower-cased) → default content type.
    let defaults: [String: String]

    init(archive: SafeZipArchive) throws {
        self.archive = archive
        var overrides: [String: String] = [:]
        var defaults: [String: String] = [:]
        if let bytes = try archive.readIfPresent("[Content_Types].xml", maxBytes: archive.limits.maxXMLPartBytes) {
            let root = try SafeXML.parse(bytes, part: "[Content_Types].xml")
            for element in root.elements {
                guard let type = element.attribute("ContentType") else { continue }
                if element.localName == "Override", let part = element.attribute("PartName") {
                    overrides[Self.trimSlash(part)] = type
                } else if element.localName == "Default", let ext = element.attribute("Extension") {
                    defaults[ext.lowercased()] = type
                }
            }
        }
        self.overrides = overrides
        self.defaults = defaults
    }

    func contentType(of part: String) -> String? {
        if let type = overrides[part] { return type }
        let ext = part.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return defaults[ext]
    }

    /// The main document part: the target of the package's officeDocument relationship.
    func mainPart() throws -> String? {
        try relationships(of: "").first { $0.type == "officeDocument" }?.target
    }

    /// Which Office document this is, from its main part's content type.
    func documentFormat() throws -> DocumentFormat? {
        guard let main = try mainPart(), let type = contentType(of: main)?.lowercased(), type.hasSuffix(".main+xml") else { return nil }
        if type.contains("wordprocessingml") || type.contains("ms-word") { return .docx }
        if type.contains("presentationml") || type.contains("ms-powerpoint") { return .pptx }
        if type.contains("spreadsheetml") || type.contains("ms-excel") { return .xlsx }
        return nil
    }

    /// The relationships of `part` (`""` for the package itself), from its `_rels/*.rels` part.
    func relationships(of part: String) throws -> [Relationship] {
        let folder = Self.folder(of: part)
        let name = part.split(separator: "/").last.map(String.init) ?? ""
        let relsPath = (folder.isEmpty ? "" : folder + "/") + "_rels/" + name + ".rels"
        guard let bytes = try archive.readIfPresent(relsPath, maxBytes: archive.limits.maxXMLPartBytes) else { return [] }
        let root = try SafeXML.parse(bytes, part: relsPath)
        return root.children("Relationship").compactMap { element in
            guard let id = element.attribute("Id"), let type = element.attribute("Type"), let target = element.attribute("Target") else { return nil }
            let kind = type.split(separator: "/").last.map(String.init) ?? type
            let external = element.attribute("TargetMode")?.lowercased() == "external"
            return Relationship(id: id, type: kind, target: external ? nil : Self.resolve(target, from: folder))
        }
    }

    /// Relationships of `part` by id.
    func relationshipMap(of part: String) throws -> [String: Relationship] {
        Dictionary(try relationships(of: part).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// An XML part parsed with the package's limits.
    func xml(_ part: String) throws -> XMLElement? {
        guard let bytes = try archive.readIfPresent(part, maxBytes: archive.limits.maxXMLPartBytes) else { return nil }
        return try SafeXML.parse(bytes, part: part)
    }

    static func folder(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "" }
        return String(part[..<slash])
    }

    static func trimSlash(_ path: String) -> String {
        path.hasPrefix("/") ? String(path.dropFirst()) : path
    }

    /// `target` relative to `folder` (or absolute from the package root), with `.` and `..`
    /// resolved; nil when it would leave the package.
    static func resolve(_ target: String, from folder: String) -> String? {
        let decoded = target.removingPercentEncoding ?? target
        var parts: [Substring] = decoded.hasPrefix("/") ? [] : folder.split(separator: "/")
        for component in decoded.split(separator: "/") {
            if component == "." { continue }
            if component == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(component)
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }
}
