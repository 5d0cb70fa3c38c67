import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import LoreApp
import LoreCore
import LoreJobs
import LoreSystem
import LoreTestSupport
import NIOCore

/// The product's main job at the level a user meets it: files uploaded over HTTP, processed by
/// the workers, searched over HTTP with deep links — on the sample corpus the demo uses
/// (generated here: slides + speech video, PDF, DOCX with a table, PPTX with notes, screenshot).
@Suite(.serialized) struct PipelineEndToEndTests {
    static func corpus() async throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lore-corpus-\(UUID().uuidString.prefix(8))")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/lib/sample_corpus.py").path
        let made = try await ProcessRunner.run("python3", [script, dir.path], limits: ProcessLimits(wallClock: .seconds(300)))
        guard made.succeeded else { throw LoreError(.internalError, "sample corpus: \(made.standardError)") }
        return dir
    }

    /// Processes queued jobs until every listed item is ready, partial or failed.
    static func process(_ runtime: LoreRuntime, caller: Caller, ids: [MediaID]) async throws -> [MediaDetail] {
        let pool = WorkerPool(database: runtime.database, registry: runtime.jobRegistry,
                              configuration: WorkerConfiguration(concurrency: 2), logger: TestCluster.logger)
        return try await withThrowingTaskGroup(of: [MediaDetail]?.self) { group in
            group.addTask { try await pool.run(); return nil }
            group.addTask { try await MediaWaiter(media: runtime.media).wait(caller: caller, ids: ids, timeout: .seconds(900)) { _ in } }
            var result: [MediaDetail] = []
            while let next = try await group.next() {
                if let details = next { result = details; group.cancelAll() }
            }
            return result
        }
    }

    static func search(_ client: any TestClientProtocol, key: String, _ body: [String: Any]) async throws -> [[String: Any]] {
        let response = try await client.execute(uri: "/v1/search", method: .post, headers: APIHarness.bearer(key), body: APIHarness.json(body))
        guard response.status == .ok else { throw LoreError(.internalError, "search \(response.status): \(response.text)") }
        return try APIHarness.object(response)["hits"] as? [[String: Any]] ?? []
    }

    @Test func uploadedFilesBecomeSearchableWithDeepLinks() async throws {
        let corpus = try await Self.corpus()
        defer { try? FileManager.default.removeItem(at: corpus) }
        try await TestRuntime.withOwnDatabase { runtime in
            let harness = APIHarness(runtime: runtime)
            try await harness.test { client in
                let (orgID, key) = try await harness.createOrg(client, tier: "professional")
                let (_, otherKey) = try await harness.createOrg(client)
                // A transcript on its own (a meeting platform's export): its cues are the recording's timeline.
                try Data("""
                    WEBVTT

                    00:00:02.000 --> 00:00:06.500
                    <v Dana>The warehouse inventory audit finishes on Thursday.

                    00:00:07.000 --> 00:00:11.000
                    <v Eli>Then the auditors send their findings to finance.
                    """.utf8).write(to: corpus.appendingPathComponent("standup.vtt"))
                // A camera photo: EXIF make, model, capture time and a GPS position (dropped by default).
                let photo = corpus.appendingPathComponent("plain.jpg")
                let drawn = try await ProcessRunner.run("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i",
                    "color=c=white:s=480x120,drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:text=Site survey north gate:fontsize=36:x=20:y=40",
                    "-frames:v", "1", photo.path], limits: ProcessLimits(wallClock: .seconds(60)))
                #expect(drawn.succeeded, "\(drawn.standardError)")
                try Data(TIFFWriter.jpeg(Array(try Data(contentsOf: photo)), withExif: TIFFWriter(littleEndian: true).cameraTIFF()))
                    .write(to: corpus.appendingPathComponent("photo.jpg"))
                var ids: [String: MediaID] = [:]
                for name in ["meeting.mp4", "report.pdf", "budget.docx", "roadmap.pptx", "screenshot.png", "standup.vtt", "photo.jpg"] {
                    let bytes = Array(try Data(contentsOf: corpus.appendingPathComponent(name)))
                    let response = try await harness.upload(client, key: key, bytes: bytes, query: "filename=\(name)")
                    #expect(response.status == .created, "\(name): \(response.text)")
                    let media = try APIHarness.object(response)["media"] as! [String: Any]
                    ids[name] = MediaID(media["id"] as! String)
                }
                let caller = Caller(org: OrgID(orgID)!, role: .owner)
                let details = try await Self.process(runtime, caller: caller, ids: Array(ids.values))
                for detail in details {
                    #expect(detail.media.status == .ready, "\(detail.media.title): \(detail.stages.map { "\($0.stage) \($0.status) \($0.errorMessage ?? "")" })")
                    #expect(detail.chunks.values.reduce(0, +) > 0, "\(detail.media.title) has no chunks")
                }
                let kinds = Dictionary(uniqueKeysWithValues: details.map { ($0.media.title, $0.media.kind) })
                #expect(kinds == ["meeting": .video, "report": .document, "budget": .document, "roadmap": .document, "screenshot": .image,
                                  "standup": .document, "photo": .image])

                // The recording: transcript with timestamps, key frames, slide text; stage details over HTTP.
                let meeting = try APIHarness.object(try await client.execute(uri: "/v1/media/\(ids["meeting.mp4"]!)", method: .get, headers: APIHarness.bearer(key)))
                #expect((meeting["transcript_segments"] as? Int ?? 0) > 0)
                #expect((meeting["frames"] as? Int ?? 0) >= 3)
                // What ffprobe found is kept with the item; an image's size too.
                let probed = (meeting["media"] as? [String: Any])?["metadata"] as? [String: Any] ?? [:]
                #expect(probed["video_codec"] as? String != nil && probed["audio_codec"] as? String != nil, "\(probed)")
                #expect(Int(probed["width"] as? String ?? "") ?? 0 > 0 && probed["frame_rate"] != nil, "\(probed)")
                let screenshot = try APIHarness.object(try await client.execute(uri: "/v1/media/\(ids["screenshot.png"]!)", method: .get, headers: APIHarness.bearer(key)))
                #expect(Int(((screenshot["media"] as? [String: Any])?["metadata"] as? [String: Any])?["width"] as? String ?? "") ?? 0 > 0, "\(screenshot)")
                let photoFacts = try APIHarness.object(try await client.execute(uri: "/v1/media/\(ids["photo.jpg"]!)", method: .get, headers: APIHarness.bearer(key)))
                let exif = (photoFacts["media"] as? [String: Any])?["metadata"] as? [String: Any] ?? [:]
                #expect(exif["camera_make"] as? String == "Canon" && exif["capture_time"] as? String == "2024-05-17T14:03:22+02:00", "\(exif)")
                #expect(exif["location_dropped"] as? String == "true" && exif["latitude"] == nil, "GPS is dropped unless configured: \(exif)")
                let stages = (meeting["stages"] as? [[String: Any]] ?? []).map { $0["stage"] as? String }
                #expect(Set(stages.compactMap { $0 }) == ["transcript", "frames"])
                let thumbnail = try await client.execute(uri: "/v1/media/\(ids["meeting.mp4"]!)/thumbnail?t=15", method: .get, headers: APIHarness.bearer(key))
                #expect(thumbnail.status == .ok)
                #expect(Array(thumbnail.body.readableBytesView.prefix(2)) == [0xFF, 0xD8])

                // A spoken and shown fact → the moment in the recording.
                let launch = try await Self.search(client, key: key, ["query": "When is the launch date?", "limit": 5])
                let video = launch.first { $0["media_id"] as? String == ids["meeting.mp4"]!.description }
                let link = video?["link"] as? [String: Any]
                #expect(link?["kind"] as? String == "time")
                #expect((link?["start"] as? Double).map { $0 >= 8 && $0 <= 25 } == true, "\(String(describing: link))")

                // A cue of the transcript file → its time and speaker.
                let audit = try await Self.search(client, key: key, ["query": "warehouse inventory audit", "limit": 3])
                #expect(audit.first?["media_id"] as? String == ids["standup.vtt"]!.description)
                let cue = audit.first?["link"] as? [String: Any]
                #expect(cue?["kind"] as? String == "time" && cue?["start"] as? Double == 2.0, "\(String(describing: cue))")
                #expect((audit.first?["speakers"] as? [String])?.contains("Dana") == true)
                let standup = details.first { $0.media.title == "standup" }
                #expect(standup?.stages.map(\.stage) == ["transcript"], "a transcript file goes through the transcript stage only")

                // An identifier stemming would break → exact matches, with the PDF's page.
                let code = try await Self.search(client, key: key, ["query": "PPR-9087", "mode": "keyword", "limit": 5])
                let report = code.first { $0["media_id"] as? String == ids["report.pdf"]!.description }
                #expect((report?["link"] as? [String: Any])?["page"] as? Int == 3)
                #expect(((report?["link"] as? [String: Any])?["box"] as? [Double])?.count == 4, "the block's place on the page")
                #expect((report?["snippet"] as? String)?.contains("<mark>") == true)

                // Speaker notes of a slide, a table row, text in a screenshot.
                let notes = try await Self.search(client, key: key, ["query": "rehearse the demo before the board meeting", "limit": 3])
                #expect(notes.first?["media_id"] as? String == ids["roadmap.pptx"]!.description)
                let table = try await Self.search(client, key: key, ["query": "Marketing Q1 budget by team", "limit": 5,
                                                                     "filters": ["content_kinds": ["table"]]])
                #expect(table.first?["media_id"] as? String == ids["budget.docx"]!.description)
                #expect((table.first?["text"] as? String)?.contains("Marketing") == true)
                let screen = try await Self.search(client, key: key, ["query": "ERR_CONN_RESET", "limit": 3])
                #expect(screen.first?["media_id"] as? String == ids["screenshot.png"]!.description)
                #expect(((screen.first?["link"] as? [String: Any])?["box"] as? [Double])?.count == 4, "where the text is in the picture")

                // Another organisation sees none of it, in any mode.
                for mode in ["vector", "keyword", "hybrid"] {
                    let foreign = try await Self.search(client, key: otherKey, ["query": "PPR-9087 supply chain launch date", "mode": mode])
                    #expect(foreign.isEmpty, "\(mode): \(foreign)")
                }

                // Identical content again: detected, not processed twice.
                let again = try await harness.upload(client, key: key, bytes: Array(try Data(contentsOf: corpus.appendingPathComponent("report.pdf"))),
                                                     query: "filename=copy.pdf")
                #expect(again.status == .ok)
                #expect(try APIHarness.object(again)["duplicate"] as? Bool == true)

                // Deleting the recording removes its chunks, frames and files.
                let deleted = try await client.execute(uri: "/v1/media/\(ids["meeting.mp4"]!)", method: .delete, headers: APIHarness.bearer(key))
                #expect(deleted.status == .noContent)
                let after = try await Self.search(client, key: key, ["query": "When is the launch date?", "limit": 20])
                #expect(!after.contains { $0["media_id"] as? String == ids["meeting.mp4"]!.description })
                #expect(!harness.storedBlobs.contains { $0.contains(ids["meeting.mp4"]!.description) })
            }
        }
    }
}
