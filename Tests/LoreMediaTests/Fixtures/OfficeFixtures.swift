import Foundation

/// DOCX and PPTX packages assembled from XML written here, with the parts real Office files
/// have (content types, relationships, styles, core properties).
enum OfficeFixtures {
    static let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" xmlns:v=\"urn:schemas-microsoft-com:vml\""
    static let p = "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\""
    static let relationshipBase = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func rels(_ items: [(id: String, type: String, target: String)], external: Set<String> = []) -> [UInt8] {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for item in items {
            let type = item.type == "core-properties" ? "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" : "\(relationshipBase)/\(item.type)"
            xml += "<Relationship Id=\"\(item.id)\" Type=\"\(type)\" Target=\"\(item.target)\"\(external.contains(item.id) ? " TargetMode=\"External\"" : "")/>"
        }
        return Array((xml + "</Relationships>").utf8)
    }

    static func contentTypes(_ overrides: [(part: String, type: String)]) -> [UInt8] {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"png\" ContentType=\"image/png\"/>"
        for item in overrides { xml += "<Override PartName=\"\(item.part)\" ContentType=\"\(item.type)\"/>" }
        return Array((xml + "</Types>").utf8)
    }

    static func core(title: String, creator: String, language: String) -> [UInt8] {
        Array("""
        <?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>\(title)</dc:title><dc:creator>\(creator)</dc:creator><dc:language>\(language)</dc:language></cp:coreProperties>
        """.utf8)
    }

    // MARK: DOCX

    static let wordMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

    static func simpleDocumentXML(_ text: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document \(w)><w:body><w:p><w:r><w:t>\(text)</w:t></w:r></w:p></w:body></w:document>"
    }

    /// The minimal parts of a Word document around `documentXML`.
    static func docxEntries(documentXML: String, documentRels: [(id: String, type: String, target: String)] = [],
                            extra: [ZipFixtures.Entry] = []) -> [ZipFixtures.Entry] {
        [
            .file("[Content_Types].xml", contentTypes([("/word/document.xml", wordMain)])),
            .file("_rels/.rels", rels([("rId1", "officeDocument", "word/document.xml"), ("rId2", "core-properties", "docProps/core.xml")])),
            .file("word/document.xml", Array(documentXML.utf8)),
            .file("word/_rels/document.xml.rels", rels(documentRels)),
            .file("docProps/core.xml", core(title: "Fixture", creator: "Tests", language: "en-GB")),
        ] + extra
    }

    /// A Word document with every structure the parser reads; `image` is a PNG.
    static func richDOCX(image: [UInt8]) -> [ZipFixtures.Entry] {
        func para(_ text: String, style: String? = nil, numbering: (Int, Int)? = nil) -> String {
            var properties = ""
            if let style { properties += "<w:pStyle w:val=\"\(style)\"/>" }
            if let (id, level) = numbering { properties += "<w:numPr><w:ilvl w:val=\"\(level)\"/><w:numId w:val=\"\(id)\"/></w:numPr>" }
            return "<w:p>\(properties.isEmpty ? "" : "<w:pPr>\(properties)</w:pPr>")<w:r><w:t xml:space=\"preserve\">\(text)</w:t></w:r></w:p>"
        }
        func cell(_ text: String, span: Int = 1) -> String {
            "<w:tc>\(span > 1 ? "<w:tcPr><w:gridSpan w:val=\"\(span)\"/></w:tcPr>" : "")<w:p><w:r><w:t>\(text)</w:t></w:r></w:p></w:tc>"
        }
        let document = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document \(w)><w:body>
        \(para("Annual Report", style: "Title"))
        \(para("Introduction", style: "Heading1"))
        <w:p><w:r><w:t xml:space="preserve">Revenue grew </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>strongly</w:t></w:r><w:del><w:r><w:delText>DELETEDWORD</w:delText></w:r></w:del><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "FIELDCODE" </w:instrText></w:r><w:r><w:t xml:space="preserve"> this year.</w:t></w:r><w:commentRangeStart w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>
        \(para("First bullet point", numbering: (1, 0)))
        \(para("Nested bullet point", numbering: (1, 1)))
        \(para("Details", style: "Heading2"))
        <w:tbl><w:tblPr><w:tblCaption w:val="Regional sales"/></w:tblPr>
        <w:tr>\(cell("Region"))\(cell("Q1"))\(cell("Q2"))</w:tr>
        <w:tr>\(cell("North"))\(cell("120"))\(cell("135"))</w:tr>
        <w:tr>\(cell("Total both quarters", span: 2))\(cell("255"))</w:tr>
        </w:tbl>
        <w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="Picture 1" descr="Company logo"/><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed="rId5"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>
        <w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>Text box words</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>Text box words</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>
        <w:p><w:r><w:t>Closing paragraph with a note</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>
        <w:sectPr/></w:body></w:document>
        """
        let styles = """
        <?xml version="1.0" encoding="UTF-8"?><w:styles \(w)><w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="en-US"/></w:rPr></w:rPrDefault></w:docDefaults>
        <w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Heading1"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
        </w:styles>
        """
        let header = "<?xml version=\"1.0\"?><w:hdr \(w)><w:p><w:r><w:t>Confidential header</w:t></w:r></w:p></w:hdr>"
        let footer = "<?xml version=\"1.0\"?><w:ftr \(w)><w:p><w:r><w:t>Footer line</w:t></w:r></w:p></w:ftr>"
        let comments = "<?xml version=\"1.0\"?><w:comments \(w)><w:comment w:id=\"0\" w:author=\"Ann\"><w:p><w:r><w:t>Reviewer remark</w:t></w:r></w:p></w:comment></w:comments>"
        let footnotes = "<?xml version=\"1.0\"?><w:footnotes \(w)><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id=\"1\"><w:p><w:r><w:t>Footnote source text</w:t></w:r></w:p></w:footnote></w:footnotes>"
        return [
            .file("[Content_Types].xml", contentTypes([("/word/document.xml", wordMain)])),
            .file("_rels/.rels", rels([("rId1", "officeDocument", "word/document.xml"), ("rId2", "core-properties", "docProps/core.xml")])),
            .file("word/document.xml", Array(document.utf8)),
            .file("word/_rels/document.xml.rels", rels([
                ("rId1", "styles", "styles.xml"), ("rId2", "header", "header1.xml"), ("rId3", "footer", "footer1.xml"),
                ("rId4", "comments", "comments.xml"), ("rId5", "image", "media/image1.png"), ("rId6", "footnotes", "footnotes.xml"),
                ("rId7", "hyperlink", "https://example.com/"),
            ], external: ["rId7"])),
            .file("word/styles.xml", Array(styles.utf8)),
            .file("word/header1.xml", Array(header.utf8)),
            .file("word/footer1.xml", Array(footer.utf8)),
            .file("word/comments.xml", Array(comments.utf8)),
            .file("word/footnotes.xml", Array(footnotes.utf8)),
            .stored("word/media/image1.png", image),
            .file("docProps/core.xml", core(title: "Annual Report 2024", creator: "Jane Doe", language: "en-GB")),
        ]
    }

    // MARK: PPTX

    static let presentationMain = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"

    static func shape(_ paragraphs: [String], placeholder: String?, bullets: Bool = false) -> String {
        let ph = placeholder.map { $0.isEmpty ? "<p:ph idx=\"1\"/>" : "<p:ph type=\"\($0)\"/>" } ?? ""
        let body = paragraphs.map { text -> String in
            let level = text.hasPrefix("  ") ? " lvl=\"1\"" : ""
            let bullet = bullets ? "<a:buChar char=\"•\"/>" : ""
            return "<a:p><a:pPr\(level)>\(bullet)</a:pPr><a:r><a:t>\(text.trimmingCharacters(in: .whitespaces))</a:t></a:r></a:p>"
        }.joined()
        return "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"s\"/><p:cNvSpPr/><p:nvPr>\(ph)</p:nvPr></p:nvSpPr><p:txBody><a:bodyPr/>\(body)</p:txBody></p:sp>"
    }

    static func slide(_ shapes: [String]) -> [UInt8] {
        Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><p:sld \(p)><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>\(shapes.joined())</p:spTree></p:cSld></p:sld>".utf8)
    }

    /// Two slides whose file names are in the opposite order of the presentation, a table, a
    /// picture, bullets, and speaker notes.
    static func richPPTX(image: [UInt8]) -> [ZipFixtures.Entry] {
        let table = """
        <p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="4" name="Table"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl>
        <a:tr><a:tc><a:txBody><a:p><a:r><a:t>Milestone</a:t></a:r></a:p></a:txBody></a:tc><a:tc><a:txBody><a:p><a:r><a:t>Date</a:t></a:r></a:p></a:txBody></a:tc></a:tr>
        <a:tr><a:tc><a:txBody><a:p><a:r><a:t>Beta launch</a:t></a:r></a:p></a:txBody></a:tc><a:tc><a:txBody><a:p><a:r><a:t>March</a:t></a:r></a:p></a:txBody></a:tc></a:tr>
        </a:tbl></a:graphicData></a:graphic></p:graphicFrame>
        """
        let picture = "<p:pic><p:nvPicPr><p:cNvPr id=\"5\" name=\"Picture\" descr=\"Team photo\"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed=\"rId2\"/></p:blipFill></p:pic>"
        let first = slide([shape(["Roadmap overview"], placeholder: "title"), shape(["Ship the parser", "  Tables and notes"], placeholder: ""), table, picture])
        let second = slide([shape(["Closing remarks"], placeholder: "title"), shape(["Thank you for listening"], placeholder: nil)])
        let notes = "<?xml version=\"1.0\"?><p:notes \(p)><p:cSld><p:spTree>\(shape([""], placeholder: "sldImg"))\(shape(["Mention the budget risk early"], placeholder: "body"))\(shape(["1"], placeholder: "sldNum"))</p:spTree></p:cSld></p:notes>"
        let presentation = "<?xml version=\"1.0\"?><p:presentation \(p)><p:sldIdLst><p:sldId id=\"256\" r:id=\"rId3\"/><p:sldId id=\"257\" r:id=\"rId2\"/></p:sldIdLst></p:presentation>"
        return [
            .file("[Content_Types].xml", contentTypes([("/ppt/presentation.xml", presentationMain)])),
            .file("_rels/.rels", rels([("rId1", "officeDocument", "ppt/presentation.xml"), ("rId2", "core-properties", "docProps/core.xml")])),
            .file("ppt/presentation.xml", Array(presentation.utf8)),
            .file("ppt/_rels/presentation.xml.rels", rels([("rId2", "slide", "slides/slide1.xml"), ("rId3", "slide", "slides/slide2.xml")])),
            .file("ppt/slides/slide2.xml", first),
            .file("ppt/slides/_rels/slide2.xml.rels", rels([("rId1", "notesSlide", "../notesSlides/notesSlide1.xml"), ("rId2", "image", "../media/image1.png")])),
            .file("ppt/slides/slide1.xml", second),
            .file("ppt/notesSlides/notesSlide1.xml", Array(notes.utf8)),
            .stored("ppt/media/image1.png", image),
            .file("docProps/core.xml", core(title: "Roadmap", creator: "Sam", language: "fr-FR")),
        ]
    }
}
