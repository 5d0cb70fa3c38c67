import Testing
import LoreCore
@testable import LoreInference

@Suite struct PanelSplitterTests {
    /// A width × height picture filled by `value(x, y)`.
    static func image(_ width: Int, _ height: Int, _ value: (Int, Int) -> UInt8) -> GrayImage {
        var pixels: [UInt8] = []
        for y in 0..<height { for x in 0..<width { pixels.append(value(x, y)) } }
        return GrayImage(width: width, height: height, pixels: pixels)
    }

    /// Sparse dark "letters" on a light background, like a page of text.
    static func texty(_ x: Int, _ y: Int, background: UInt8 = 240, ink: UInt8 = 20) -> UInt8 {
        (y % 20 < 9 && x % 7 < 3 && (x / 7 + y / 20) % 3 != 0) ? ink : background
    }

    @Test func splitsWhereTheBackgroundChanges() {
        let image = Self.image(400, 200) { x, y in x < 120 ? (Self.texty(x, y) == 20 ? 230 : 30) : Self.texty(x, y) }
        let panels = PanelSplitter().panels(of: image)
        #expect(panels.count == 2)
        #expect(abs(panels[0].width - 120) <= 1 && panels[0].x == 0)
        #expect(panels[1].x == panels[0].width && panels[1].x + panels[1].width == 400)
    }

    @Test func splitsAtADividerLine() {
        let image = Self.image(300, 400) { x, y in (200...201).contains(y) ? 90 : Self.texty(x, y) }
        let panels = PanelSplitter().panels(of: image)
        #expect(panels.count == 2)
        #expect(panels[0].y == 0 && abs(panels[0].height - 201) <= 2 && panels[1].y + panels[1].height == 400)
    }

    @Test func leavesPlainPagesWhole() {
        for image in [Self.image(500, 300) { x, y in Self.texty(x, y) }, Self.image(60, 40) { _, _ in 255 }, Self.image(1, 1) { _, _ in 0 }] {
            #expect(PanelSplitter().panels(of: image) == [PixelRect(x: 0, y: 0, width: image.width, height: image.height)])
        }
    }

    @Test func nestedPanelsComeInReadingOrder() {
        // Dark sidebar on the left; on the right, a light editor over a dark terminal.
        let image = Self.image(400, 300) { x, y in
            if x < 100 { return 35 }
            return y < 180 ? Self.texty(x, y) : 25
        }
        let panels = PanelSplitter().panels(of: image)
        // Columns crossing editor text and terminal alternate between ink and dark, so the first
        // clean cut is the horizontal one at the terminal; the sidebar then splits off above it.
        #expect(panels.count == 3)
        #expect(panels[0] == PixelRect(x: 0, y: 0, width: 100, height: 180))
        #expect(panels[1] == PixelRect(x: 100, y: 0, width: 300, height: 180))
        #expect(panels[2] == PixelRect(x: 0, y: 180, width: 400, height: 120))
    }
}

@Suite struct CharacterErrorRateTests {
    @Test func normalisesLayoutOnly() {
        #expect(CharacterErrorRate.normalize("  Hello,\n\n  world \t!  ") == "Hello, world !")
        // Decomposed and precomposed accents are the same text.
        #expect(CharacterErrorRate.normalize("Cafe\u{301}") == "Café")
        #expect(CharacterErrorRate.measure(hypothesis: "hello world", reference: "Hello world").edits == 1)
    }

    @Test func countsEdits() {
        let measured = CharacterErrorRate.measure(hypothesis: "The quick brwn fax", reference: "The  quick\nbrown fox")
        #expect(measured.edits == 2)
        #expect(measured.referenceLength == 19)
        #expect(abs(measured.rate - 2.0 / 19.0) < 1e-12)
        #expect(CharacterErrorRate.measure(hypothesis: "", reference: "abc").rate == 1)
        #expect(CharacterErrorRate.measure(hypothesis: "", reference: "").rate == 0)
        #expect(EditDistance.levenshtein(Array("kitten"), Array("sitting")) == 3)
    }
}
