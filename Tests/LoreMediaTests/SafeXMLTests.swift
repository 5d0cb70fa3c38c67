import Foundation
import Testing
import LoreCore
@testable import LoreMedia

@Suite struct SafeXMLTests {
    func parse(_ xml: String, options: XMLParseOptions = XMLParseOptions()) throws -> XMLElement {
        try SafeXML.parse(Array(xml.utf8), part: "test.xml", options: options)
    }

    func code(_ xml: String, options: XMLParseOptions = XMLParseOptions()) -> ErrorCode? {
        do {
            _ = try parse(xml, options: options)
            return nil
        } catch let error as LoreError {
            return error.code
        } catch {
            return nil
        }
    }

    @Test func parsesElementsAttributesTextAndReferences() throws {
        let root = try parse("""
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- a comment -->
        <w:doc xmlns:w="urn:x" w:id='7'><w:p a="1 &amp; 2">Fish &amp; chips &lt;3 &#233;&#x1F600;<![CDATA[<raw> & ]]></w:p><empty/></w:doc>
        """)
        #expect(root.name == "w:doc")
        #expect(root.localName == "doc")
        #expect(root.attribute("w:id") == "7")
        #expect(root.attribute("id") == "7")
        let paragraph = try #require(root.child("p"))
        #expect(paragraph.attribute("a") == "1 & 2")
        #expect(paragraph.textContent == "Fish & chips <3 é😀<raw> & ")
        #expect(root.child("empty")?.children.isEmpty == true)
    }

    @Test func readsUTF16AndLatin1() throws {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>Grüße</a>"
        let utf16: [UInt8] = [0xFF, 0xFE] + Array(xml.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try SafeXML.parse(utf16, part: "x").textContent == "Grüße")
        let latin1 = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf".utf8) + [0xE9] + Array("</a>".utf8)
        #expect(try SafeXML.parse(latin1, part: "x").textContent == "café")
    }

    @Test func externalEntitiesNeverResolve() throws {
        let xxe = """
        <?xml version="1.0"?>
        <!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
        <foo>&xxe;</foo>
        """
        #expect(code(xxe) == .xmlDTDForbidden)
        // Even where an external DOCTYPE is tolerated (poppler's output), an internal subset is not.
        #expect(code(xxe, options: XMLParseOptions(skipsExternalDoctype: true)) == .xmlDTDForbidden)
        // A reference to an undeclared entity is an error, not a lookup.
        #expect(code("<foo>&xxe;</foo>") == .documentCorrupt)
        // Parameter entities and SYSTEM doctypes alike.
        #expect(code("<!DOCTYPE foo SYSTEM \"http://attacker.example/evil.dtd\"><foo/>") == .xmlDTDForbidden)
        #expect(code("<foo><!ENTITY x \"y\"></foo>") == .xmlDTDForbidden)
        // Hidden in UTF-16, the DOCTYPE is still seen.
        let utf16: [UInt8] = [0xFE, 0xFF] + Array(xxe.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(throws: LoreError.self) { try SafeXML.parse(utf16, part: "x") }
    }

    @Test func billionLaughsIsRefusedBeforeAnyExpansion() {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        for level in 1...9 { xml += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1 == 0 ? "" : String(level - 1));", count: 10) + "\">" }
        xml += "]><lolz>&lol9;</lolz>"
        #expect(code(xml) == .xmlDTDForbidden)
    }

    @Test func skipsAnExternalDoctypeOnlyWhenAsked() throws {
        let xhtml = "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\"><html><body>x</body></html>"
        #expect(code(xhtml) == .xmlDTDForbidden)
        #expect(try parse(xhtml, options: XMLParseOptions(skipsExternalDoctype: true)).child("body")?.textContent == "x")
    }

    @Test func malformedAndHostileShapes() {
        #expect(code("<a><b></a></b>") == .documentCorrupt)
        #expect(code("<a>") == .documentCorrupt)
        #expect(code("") == .documentCorrupt)
        #expect(code("<a x=1/>") == .documentCorrupt)
        #expect(code("<a/><b/>") == .documentCorrupt)
        #expect(code("<a>&amp</a>") == .documentCorrupt)
        let deep = String(repeating: "<d>", count: 10_000) + String(repeating: "</d>", count: 10_000)
        #expect(code(deep) == .documentCorrupt)
        #expect(code("<r>" + String(repeating: "<e/>", count: 200) + "</r>", options: XMLParseOptions(maxElements: 100)) == .documentTooLarge)
    }
}
