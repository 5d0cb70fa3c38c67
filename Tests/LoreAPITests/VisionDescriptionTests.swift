import Foundation
import HummingbirdTesting
import Testing
import LoreApp
import LoreCore
import LoreSystem
import LoreTestSupport

/// With `LORE_VISION_MODEL` set, pictures and distinct video frames are described by the
/// OpenAI-compatible chat model (here the local simulator) and the words become searchable
/// chunks linked to the picture or the frame's moment; without it nothing is sent anywhere.
@Suite(.serialized) struct VisionDescriptionTests {
    static func media(in folder: URL) async throws -> (picture: [UInt8], video: [UInt8]) {
        let picture = folder.appendingPathComponent("board.png"), video = folder.appendingPathComponent("clip.mp4")
        for arguments in [["-f", "lavfi", "-i", "testsrc=size=320x240:rate=1", "-frames:v", "1", picture.path],
                          ["-f", "lavfi", "-i", "testsrc=size=320x240:rate=10:duration=4", "-pix_fmt", "yuv420p", video.path]] {
            let made = try await ProcessRunner.run("ffmpeg", ["-v", "error", "-y"] + arguments, limits: ProcessLimits(wallClock: .seconds(60)))
            guard made.succeeded else { throw LoreError(.internalError, "ffmpeg: \(made.standardError)") }
        }
        return (Array(try Data(contentsOf: picture)), Array(try Data(contentsOf: video)))
    }

    @Test func configuredDescriptionsMakePicturesAndFramesSearchable() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lore-vision-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (picture, video) = try await Self.media(in: folder)
        try await OpenAISimulator.run(apiKey: nil) { simulator in
            var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LORE_OPENAI") && $0.key != "LORE_TRANSCRIPTION_MODEL" }
            environment["LORE_OPENAI_BASE_URL"] = simulator.baseURL.absoluteString
            environment["LORE_VISION_MODEL"] = "gpt-4o-mini"
            let engines = try MediaEngines.installed(logger: TestCluster.logger, environment: environment)
            try await TestRuntime.withOwnDatabase(engines: engines) { runtime in
                let harness = APIHarness(runtime: runtime)
                try await harness.test { client in
                    let (orgID, key) = try await harness.createOrg(client)
                    var ids: [String: MediaID] = [:]
                    for (name, bytes) in [("board.png", picture), ("clip.mp4", video)] {
                        let response = try await harness.upload(client, key: key, bytes: bytes, query: "filename=\(name)")
                        #expect(response.status == .created, "\(response.text)")
                        ids[name] = MediaID((try APIHarness.object(response)["media"] as! [String: Any])["id"] as! String)
                    }
                    let details = try await PipelineEndToEndTests.process(runtime, caller: Caller(org: OrgID(orgID)!, role: .owner),
                                                                          ids: Array(ids.values))
                    // The clip has no sound: its transcript stage has nothing to do, which is not a failure.
                    #expect(details.allSatisfy { $0.media.status == .ready }, "\(details.map { ($0.media.title, $0.stages.map { "\($0.stage) \($0.status) \($0.errorMessage ?? "")" }) })")

                    let hits = try await PipelineEndToEndTests.search(client, key: key, ["query": "pelican milestones roadmap", "mode": "keyword", "limit": 20])
                    let image = hits.first { $0["media_id"] as? String == ids["board.png"]!.description }
                    #expect(image?["content_kind"] as? String == "description", "\(hits)")
                    let frame = hits.first { $0["media_id"] as? String == ids["clip.mp4"]!.description }
                    let link = frame?["link"] as? [String: Any]
                    #expect(frame?["content_kind"] as? String == "description" && link?["frame_time"] is Double, "\(String(describing: frame))")

                    let requests = await simulator.requests.filter { $0.path == "/v1/chat/completions" }
                    #expect(requests.count >= 2 && requests.allSatisfy { ["image/jpeg", "image/png"].contains($0.fields["image_media_type"] ?? "") })
                }
            }
        }
    }

    @Test func descriptionsAreOffUnlessAModelIsNamed() throws {
        let environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LORE_OPENAI") && $0.key != "LORE_VISION_MODEL" }
        #expect(try MediaEngines.installed(logger: TestCluster.logger, environment: environment).describer.isEnabled == false)
        let named = environment.merging(["LORE_VISION_MODEL": "gpt-4o-mini"]) { $1 }
        #expect(throws: LoreError.self) { try MediaEngines.installed(logger: TestCluster.logger, environment: named) }
        let off = environment.merging(["LORE_VISION_MODEL": "none", "LORE_OPENAI_API_KEY": "k"]) { $1 }
        #expect(try MediaEngines.installed(logger: TestCluster.logger, environment: off).describer.isEnabled == false)
    }
}
