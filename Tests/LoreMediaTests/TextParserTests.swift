import Foundation
import Testing
import LoreCore
@testable import LoreMedia

@Suite struct TextParserTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    func parse(_ bytes: [UInt8], as name: String) async throws -> ParsedDocument {
        try await DocumentParser(context: DocumentParsingContext(temporaryDirectory: folder.scratch)).parse(fileAt: try folder.write(bytes, as: name))
    }

    @Test func plainTextInEveryEncoding() async throws {
        let text = "Grüße aus Köln.\nZweite Zeile.\n\nNeuer Absatz – mit Gedankenstrich."
        let utf8 = try await parse(Array(text.utf8), as: "a.txt")
        #expect(utf8.blocks.map(\.text) == ["Grüße aus Köln. Zweite Zeile.", "Neuer Absatz – mit Gedankenstrich."])
        let utf16LE: [UInt8] = [0xFF, 0xFE] + Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try await parse(utf16LE, as: "b.txt").blocks.map(\.text) == utf8.blocks.map(\.text))
        let utf16BE: [UInt8] = [0xFE, 0xFF] + Array(text.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try await parse(utf16BE, as: "c.txt").blocks.map(\.text) == utf8.blocks.map(\.text))
        // Windows-1252: the en dash is 0x96, umlauts are Latin-1.
        let cp1252 = text.unicodeScalars.map { $0 == "–" ? UInt8(0x96) : UInt8($0.value) }
        #expect(try await parse(cp1252, as: "d.txt").blocks.map(\.text) == utf8.blocks.map(\.text))
    }

    @Test func markdownStructure() async throws {
        let markdown = """
        ---
        title: Team handbook
        ---
        # Welcome

        This is **important** and _emphasised_ text with a [link](https://example.com) and `code_name`.

        Setext section
        --------------

        - first item
        - second item
          continued here
            - nested item
        1. numbered

        ```swift
        let x = 1 // not a heading
        # still code
        ```

        | Name | Role |
        |------|:----:|
        | Ann  | Lead |
        | Bo \\| Cy | Dev |

        > quoted words
        """
        let document = try await parse(Array(markdown.utf8), as: "notes.txt")
        #expect(document.format == .markdown)
        #expect(document.title == "Team handbook")
        let roles = document.blocks.map { "\($0.role): \($0.text)" }
        #expect(roles.contains("heading1: Welcome"))
        #expect(roles.contains("heading2: Setext section"))
        #expect(roles.contains("paragraph: This is important and emphasised text with a link and code_name."))
        #expect(roles.contains("listItem: first item"))
        #expect(roles.contains("listItem: second item continued here"))
        #expect(roles.contains("listItem1: nested item"))
        #expect(roles.contains("listItem: numbered"))
        #expect(roles.contains("code: let x = 1 // not a heading\n# still code"))
        #expect(roles.contains("paragraph: quoted words"))
        #expect(document.tables.first?.rows == [["Name", "Role"], ["Ann", "Lead"], ["Bo | Cy", "Dev"]])
    }

    @Test func htmlVisibleTextOnly() async throws {
        let html = """
        <!DOCTYPE html><html lang="de"><head><title>Quarterly &amp; annual</title><meta name="author" content="Ann">
        <style>body { color: red } .secret { }</style><script>var hidden = "SCRIPTTEXT";</script></head>
        <body><h1>Main title</h1><p>First <b>bold</b> paragraph &eacute;t&eacute; &#8364;5<br>next line
        <p>Unclosed paragraph two
        <div hidden>HIDDENTEXT</div><div style="display: none">NONETEXT</div>
        <ul><li>one<li>two<ul><li>inner</ul></ul>
        <table><caption>Prices</caption><tr><th>Item<th>Cost<tr><td>Tea<td>3 €</table>
        <pre>  code  block</pre><noscript>NOSCRIPT</noscript><template>TEMPLATE</template>
        <footer>Footer words</footer>
        <p>Broken <b>nesting</p> tail text</b>
        </body></html>
        """
        let document = try await parse(Array(html.utf8), as: "page.md")
        #expect(document.format == .html)
        #expect(document.title == "Quarterly & annual")
        #expect(document.author == "Ann")
        #expect(document.language == "de")
        for hidden in ["SCRIPTTEXT", "color: red", "HIDDENTEXT", "NONETEXT", "NOSCRIPT", "TEMPLATE", "Quarterly"] {
            #expect(!document.text.contains(hidden), "\(hidden)")
        }
        let roles = document.blocks.map { "\($0.role): \($0.text)" }
        #expect(roles.contains("heading1: Main title"))
        #expect(roles.contains("paragraph: First bold paragraph été €5 next line"))
        #expect(roles.contains("paragraph: Unclosed paragraph two"))
        #expect(roles.contains("listItem: one"))
        #expect(roles.contains("listItem: two"))
        #expect(roles.contains("listItem1: inner"))
        #expect(roles.contains("code:   code  block"))
        #expect(roles.contains("footer: Footer words"))
        #expect(document.text.contains("tail text"))
        #expect(document.tables.first?.rows == [["Item", "Cost"], ["Tea", "3 €"]])
        #expect(document.tables.first?.caption == "Prices")
    }

    @Test func subtitlesAndSpreadsheetsAreForOtherStages() async throws {
        for (bytes, name) in [(Array("WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n".utf8), "a.vtt"),
                              (Array("1\n00:00:01,000 --> 00:00:02,000\nHi\n".utf8), "a.srt")] {
            await #expect(throws: LoreError.self) { _ = try await parse(bytes, as: name) }
        }
    }
}

@Suite struct MarkdownInlineTests {
    @Test func reducesInlineMarkupToText() {
        #expect(MarkdownInline.plainText("**bold**, *it*, __b__, _i_, ~~gone~~ and snake_case_name") == "bold, it, b, i, gone and snake_case_name")
        #expect(MarkdownInline.plainText("see [the docs](https://x.org/a_(b)) or ![a cat](cat.png) or [ref][1]") == "see the docs or a cat or ref")
        #expect(MarkdownInline.plainText("`a * b` and 5 * 3 and [not a link] and <https://x.org> <b>tag</b> &amp; \\*") == "a * b and 5 * 3 and [not a link] and https://x.org tag & *")
    }

    // The time limit only guards against a hang (a backtracking version takes hours).
    @Test(.timeLimit(.minutes(2))) func hostileInputStaysLinear() {
        // Patterns that make backtracking regular expressions explode: linear here.
        let hostile = String(repeating: "**a _b `c [d](e ", count: 20_000) + String(repeating: "[", count: 50_000)
        let text = MarkdownInline.plainText(hostile)
        #expect(text.count > 100_000)
    }
}
