import Foundation
import LoreCore
import Testing
@testable import LoreInference

/// One engine for the whole suite: loading models is the slow part, and reuse is what we ship.
enum SharedOCREngine {
    private static let made = Result { try TesseractOCREngine(configuration: TesseractConfiguration(threads: 2)) }
    static func get() throws -> TesseractOCREngine { try made.get() }
}

/// CER between what was read and what was drawn.
func cer(_ result: OCRResult, _ lines: [String]) -> Double {
    CharacterErrorRate.measure(hypothesis: result.text, reference: lines.joined(separator: "\n")).rate
}

@Suite struct TesseractOCREngineTests {
    static let lines = [
        "The quick brown fox jumps over the lazy dog.",
        "Lore reads screenshots, slides and scans offline.",
        "Invoice 2024-117 totals 1,234.56 EUR",
    ]

    @Test func readsADocument() async throws {
        let image = try await ImageFixtures.text(ImageFixtures.paragraph(Self.lines, size: 28), width: 900, height: 200)
        let result = try await SharedOCREngine.get().recognize(image, options: OCROptions())
        #expect(cer(result, Self.lines) < 0.03, "read: \(result.text)")
        #expect(result.rotation == 0)
        #expect(result.words.count >= 20)
        #expect(result.words.allSatisfy { (0...100).contains($0.confidence) })
        #expect(result.words.map(\.confidence).reduce(0, +) / Double(result.words.count) > 80)
    }

    @Test func boxesAreWhereTheWordsWereDrawn() async throws {
        let image = try await ImageFixtures.text([
            .init(text: "LOREM", x: 60, y: 40, size: 48),
            .init(text: "IPSUM", x: 420, y: 200, size: 48),
        ], width: 700, height: 300)
        let result = try await SharedOCREngine.get().recognize(image, options: OCROptions())
        let lorem = try #require(result.words.first { $0.text == "LOREM" }, "read: \(result.text)")
        let ipsum = try #require(result.words.first { $0.text == "IPSUM" }, "read: \(result.text)")
        // drawtext's y is the top of the text box; capitals start a few pixels below it.
        #expect(abs(lorem.box.x - 60) < 12 && abs(lorem.box.y - 40) < 16)
        #expect(abs(ipsum.box.x - 420) < 12 && abs(ipsum.box.y - 200) < 16)
        #expect(lorem.box.width > 120 && lorem.box.width < 220 && lorem.box.height > 25 && lorem.box.height < 60)
    }

    @Test func readsADarkThemeScreenshot() async throws {
        let lines = ["func makeEngine() throws -> Engine", "let result = try await engine.run()"]
        let image = try await ImageFixtures.text(ImageFixtures.paragraph(lines, x: 12, y: 12, size: 15, color: "0xD4D4D4"),
                                                 width: 420, height: 70, background: "0x1E1E1E")
        let result = try await SharedOCREngine.get().recognize(image, options: OCROptions(hint: .screenshot))
        #expect(cer(result, lines) < 0.08, "read: \(result.text)")
    }

    @Test func readsSmallScreenshotText() async throws {
        let lines = ["Settings  Account  Billing  Sign out", "Last synced 12 minutes ago from Berlin"]
        let image = try await ImageFixtures.text(ImageFixtures.paragraph(lines, x: 8, y: 6, size: 11),
                                                 width: 300, height: 40)
        let result = try await SharedOCREngine.get().recognize(image, options: OCROptions(hint: .screenshot))
        #expect(cer(result, lines) < 0.1, "read: \(result.text)")
        // Boxes are mapped back from the enlarged picture to the original pixels.
        #expect(result.words.allSatisfy { $0.box.x + $0.box.width <= 301 && $0.box.y + $0.box.height <= 41 })
    }

    @Test func readsPanelsWithDifferentBackgrounds() async throws {
        let left = ["Explorer", "Sources", "Tests"]
        let right = ["Welcome to the release notes", "Version two adds panels"]
        let image = try await ImageFixtures.text(
            ImageFixtures.paragraph(left, x: 14, y: 20, size: 16, color: "0xE0E0E0")
                + ImageFixtures.paragraph(right, x: 240, y: 20, size: 16),
            width: 640, height: 140, boxes: ["drawbox=x=0:y=0:w=200:h=140:color=0x252526:t=fill"])
        let result = try await SharedOCREngine.get().recognize(image, options: OCROptions(hint: .screenshot))
        for word in ["Explorer", "Sources", "Tests", "Welcome", "release", "panels"] {
            #expect(result.text.contains(word), "missing \(word) in: \(result.text)")
        }
    }

    @Test func readsSubtitlesOverVideo() async throws {
        let subtitle = "We will meet again tomorrow"
        let bytes = try await ImageFixtures.make(input: "testsrc2=s=640x360", filters: [
            ImageFixtures.drawtext(.init(text: subtitle, x: 110, y: 300, size: 30, color: "white", border: 3)),
        ])
        let result = try await SharedOCREngine.get().recognize(EncodedImage(bytes: bytes), options: OCROptions(hint: .videoFrame))
        #expect(result.text.contains(subtitle), "read: \(result.text)")
    }

    @Test(arguments: [(transpose: "transpose=1", rotation: 270), (transpose: "transpose=2", rotation: 90), (transpose: "hflip,vflip", rotation: 180)])
    func detectsAndCorrectsTurnedPages(turn: (transpose: String, rotation: Int)) async throws {
        let lines = [
            "Orientation detection needs a few lines of",
            "ordinary text to decide which way is up, so",
            "this page carries a short paragraph of prose",
            "about nothing in particular, in plain words.",
        ]
        let page = try await ImageFixtures.text(ImageFixtures.paragraph(lines, size: 24), width: 680, height: 220)
        let turned = EncodedImage(bytes: try await ImageFixtures.convert(page.bytes, to: "png", filters: [turn.transpose]))
        let result = try await SharedOCREngine.get().recognize(turned, options: OCROptions())
        #expect(result.rotation == turn.rotation)
        #expect(cer(result, lines) < 0.03, "read: \(result.text)")
        // Boxes are in the turned image's own pixels: on a sideways page, words stand upright.
        let header = try ImageDecoder().header(of: turned)
        #expect(result.words.allSatisfy { $0.box.x >= 0 && $0.box.y >= 0 && $0.box.x + $0.box.width <= Double(header.width) + 1 && $0.box.y + $0.box.height <= Double(header.height) + 1 })
        let long = result.words.filter { $0.text.count >= 8 }
        #expect(!long.isEmpty)
        if turn.rotation != 180 { #expect(long.allSatisfy { $0.box.height > $0.box.width }) }
    }

    @Test func readsGermanWithTheGermanModel() async throws {
        let lines = ["Über die Brücke gehen fünf Mädchen", "Größe und Gewicht sind gemäß Tabelle"]
        let image = try await ImageFixtures.text(ImageFixtures.paragraph(lines, size: 28), width: 760, height: 130)
        let result = try await SharedOCREngine.get().recognize(image, options: OCROptions(languages: "deu+eng"))
        #expect(cer(result, lines) < 0.03, "read: \(result.text)")
    }

    @Test func rejectsUnknownLanguages() async throws {
        let image = try await ImageFixtures.text([.init(text: "hello", x: 10, y: 10, size: 30)], width: 200, height: 60)
        for languages in ["xyz", "eng+", "../eng", "osd", ""] {
            let error = await #expect(throws: LoreError.self) {
                _ = try await SharedOCREngine.get().recognize(image, options: OCROptions(languages: languages))
            }
            #expect(error?.code == .ocrLanguageUnavailable)
        }
    }

    @Test func readsManyImagesAtOnce() async throws {
        let engine = try SharedOCREngine.get()
        let words = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"]
        var images: [EncodedImage] = []
        for word in words {
            images.append(try await ImageFixtures.text([.init(text: "Word \(word) here", x: 20, y: 20, size: 32)], width: 420, height: 80))
        }
        let snapshot = images
        let results = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for (index, image) in snapshot.enumerated() {
                group.addTask { (index, try await engine.recognize(image, options: OCROptions(detectOrientation: false)).text) }
            }
            var texts = [String](repeating: "", count: snapshot.count)
            for try await (index, text) in group { texts[index] = text }
            return texts
        }
        for (word, text) in zip(words, results) { #expect(text == "Word \(word) here") }
    }
}

@Suite struct TesseractLimitsTests {
    @Test func slowImagesTimeOutWithATypedErrorAndTheEngineRecovers() async throws {
        let engine = try TesseractOCREngine(configuration: TesseractConfiguration(threads: 1, timeoutPerImage: .milliseconds(1)))
        let lines = (0..<30).map { "Line \($0) of a long page that takes a while to read completely" }
        let page = try await ImageFixtures.text(ImageFixtures.paragraph(lines, size: 20), width: 900, height: 1000)
        let error = await #expect(throws: LoreError.self) { _ = try await engine.recognize(page, options: OCROptions()) }
        #expect(error?.code == .ocrTimeout)
        #expect(error?.code.category == .timeout)

        let patient = try TesseractOCREngine(configuration: TesseractConfiguration(threads: 1))
        let small = try await ImageFixtures.text([.init(text: "Recovered", x: 20, y: 20, size: 36)], width: 300, height: 90)
        #expect(try await patient.recognize(small, options: OCROptions()).text == "Recovered")
    }

    @Test func cancellationStopsRecognition() async throws {
        let engine = try SharedOCREngine.get()
        let lines = (0..<30).map { "Line \($0) of a long page that takes a while to read completely" }
        let page = try await ImageFixtures.text(ImageFixtures.paragraph(lines, size: 20), width: 900, height: 1000)
        let task = Task { try await engine.recognize(page, options: OCROptions()) }
        // Cancel while the page is being read (it takes well over a second).
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
        let small = try await ImageFixtures.text([.init(text: "Recovered", x: 20, y: 20, size: 36)], width: 300, height: 90)
        #expect(try await engine.recognize(small, options: OCROptions()).text == "Recovered")
    }

    @Test func findsDebiansModels() throws {
        let tessdata = try TessdataDirectory.locate()
        #expect(tessdata.installedLanguages.contains("eng"))
        #expect(tessdata.hasModel("osd"))
        #expect(try tessdata.validate(languages: "eng+eng+deu") == "eng+deu")
        let error = #expect(throws: LoreError.self) { try TessdataDirectory.locate(explicit: "/nonexistent", environment: [:]) }
        #expect(error?.code == .ocrEngineUnavailable)
    }
}
