import LoreCore

/// Title, author and language from an Office package's `docProps/core.xml`.
struct OOXMLCoreProperties {
    var title: String?
    var author: String?
    var language: String?

    init(_ package: OOXMLPackage) throws {
        let path = try package.relationships(of: "").first { $0.type == "core-properties" }?.target ?? "docProps/core.xml"
        guard let root = try package.xml(path) else { return }
        title = root.child("title")?.textContent
        author = root.child("creator")?.textContent
        language = root.child("language")?.textContent
    }
}

extension OOXMLPackage {
    /// The bytes of a picture part for a document's image list; a part larger than the image
    /// limit is skipped with a warning (archive limits still throw).
    func image(_ part: String, builder: inout DocumentBuilder) throws -> [UInt8]? {
        do {
            return try archive.readIfPresent(part, maxBytes: archive.limits.maxEmbeddedImageBytes)
        } catch let error as LoreError where error.code == .documentTooLarge {
            builder.warn("\(part) is larger than \(archive.limits.maxEmbeddedImageBytes) bytes, skipped")
            return nil
        }
    }
}
