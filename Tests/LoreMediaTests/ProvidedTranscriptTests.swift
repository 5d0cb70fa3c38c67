import Foundation
import Testing
import LoreCore
@testable import LoreMedia

@Suite struct WebVTTParserTests {
    func parse(_ text: String) throws -> Transcript { try WebVTTParser().parse(Data(text.utf8)) }

    @Test func readsCuesWithIdentifiersSettingsAndVoices() throws {
        let vtt = """
        \u{FEFF}WEBVTT - meeting export\r
        Kind: captions\r
        Language: en\r
        \r
        NOTE exported by a meeting platform\r
        spans two lines\r
        \r
        STYLE\r
        ::cue { color: lime }\r
        \r
        1\r
        00:00:01.000 --> 00:00:04.500 align:start position:10%\r
        <v Alice Smith>Welcome to the <b>quarterly</b> review.\r
        \r
        intro-2\r
        00:04.500 --> 00:07.250\r
        <v.loud Bob>Thanks &amp; hello,\r
        <i>everyone</i>.\r
        \r
        00:07.250 --> 00:08.000\r
        <c.yellow></c>\r
        """
        let transcript = try parse(vtt)
        #expect(transcript.language == "en")
        #expect(transcript.source == .provided(format: "webvtt"))
        #expect(transcript.segments.count == 2)
        #expect(transcript.segments[0] == TranscriptSegment(start: 1, end: 4.5, text: "Welcome to the quarterly review.", speaker: "Alice Smith"))
        #expect(transcript.segments[1] == TranscriptSegment(start: 4.5, end: 7.25, text: "Thanks & hello, everyone.", speaker: "Bob"))
        #expect(transcript.duration == 7.25)
    }

    @Test func keepsTimestampTagsOutOfTheText() throws {
        let transcript = try parse("WEBVTT\n\n01:02:03.400 --> 01:02:05.000\nkaraoke <00:01:02.500>style <00:01:03.000>words\n")
        #expect(transcript.segments.first?.text == "karaoke style words")
        #expect(transcript.segments.first?.start == 3723.4)
    }

    @Test func aHeaderOnlyFileIsAnEmptyTranscript() throws {
        let transcript = try parse("WEBVTT\n\n")
        #expect(transcript.segments.isEmpty)
        #expect(transcript.duration == 0)
    }

    @Test(arguments: [
        "WEBVTT\n\n00:01.000 --> 00:00.500\nends before it starts\n",
        "WEBVTT\n\n00:61.000 --> 01:02.000\nsixty-one seconds\n",
        "WEBVTT\n\n00:01 --> 00:02.000\nno milliseconds\n",
        "WEBVTT\n\n1:00:xx.000 --> 1:00:02.000\nletters\n",
        "WEBVTT\n\nno timing line here\njust text\n",
        "not a vtt file\n\n00:01.000 --> 00:02.000\ntext\n",
        "WEBVTTX\n",
        "",
    ])
    func rejectsMalformedFilesWithATypedError(_ text: String) {
        #expect(throws: LoreError.self) { try parse(text) }
        do { _ = try parse(text) } catch let error as LoreError {
            #expect(error.code == .invalidTranscript)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}

@Suite struct SRTParserTests {
    func parse(_ text: String) throws -> Transcript { try SRTParser().parse(Data(text.utf8)) }

    @Test func readsRealWorldSRT() throws {
        let srt = "\u{FEFF}1\r\n00:00:00,500 --> 00:00:02,000\r\n<i>Hello</i> there\r\n\r\n2\r\n00:00:02,000 --> 00:00:04,250 X1:100 X2:200 Y1:10 Y2:50\r\n{\\an8}<font color=\"#ff0\">Second</font>\r\nline\r\n\r\n\r\n3\r\n00:05.000 --> 00:06.000\r\nno hours, dot separator\r\n"
        let transcript = try parse(srt)
        #expect(transcript.source == .provided(format: "srt"))
        #expect(transcript.segments.map(\.text) == ["Hello there", "Second line", "no hours, dot separator"])
        #expect(transcript.segments.map(\.start) == [0.5, 2, 5])
        #expect(transcript.segments.map(\.end) == [2, 4.25, 6])
        #expect(transcript.duration == 6)
        #expect(transcript.language == nil)
    }

    @Test func toleratesMissingCueNumbersAndOldMacLineEndings() throws {
        let transcript = try parse("00:00:01,000 --> 00:00:02,000\rone\r\r00:00:03,000 --> 00:00:04,000\rtwo\r")
        #expect(transcript.segments.map(\.text) == ["one", "two"])
    }

    @Test func readsWindows1252Text() throws {
        var data = Data("1\n00:00:01,000 --> 00:00:02,000\nCaf".utf8)
        data.append(0xE9) // é in Windows-1252, invalid as UTF-8
        data.append(contentsOf: Array("\n".utf8))
        let transcript = try SRTParser().parse(data)
        #expect(transcript.segments.first?.text == "Café")
    }

    @Test(arguments: [
        "1\n00:00:01,000 -> 00:00:02,000\nwrong arrow\n",
        "1\n00:00:05,000 --> 00:00:02,000\nbackwards\n",
        "1\n00:00:01,0000 --> 00:00:02,000\nfour digit millis\n",
        "just some text\nwithout any cue\n",
        "",
    ])
    func rejectsMalformedFilesWithATypedError(_ text: String) {
        do {
            _ = try parse(text)
            Issue.record("parsed malformed SRT")
        } catch let error as LoreError {
            #expect(error.code == .invalidTranscript)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func binaryBytesAreRejected() {
        let data = Data([0x00, 0x01, 0x02, 0xFF, 0xD8, 0x00])
        #expect(throws: LoreError.self) { try SRTParser().parse(data) }
        #expect(throws: LoreError.self) { try WebVTTParser().parse(data) }
    }

    @Test func formatFollowsTheFileExtension() {
        #expect(ProvidedTranscriptFormat(fileExtension: "VTT") == .webVTT)
        #expect(ProvidedTranscriptFormat(fileExtension: "srt") == .srt)
        #expect(ProvidedTranscriptFormat(fileExtension: "mp4") == nil)
    }
}
