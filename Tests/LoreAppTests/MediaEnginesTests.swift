import Foundation
import Testing
import LoreCore
import LoreProviders
import LoreTestSupport
@testable import LoreApp

/// Which transcriber the pipeline uses is configuration: the local Whisper unless
/// `LORE_TRANSCRIPTION_MODEL` names a model of the configured OpenAI-compatible server.
@Suite struct MediaEnginesTests {
    static let environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LORE_OPENAI") && $0.key != "LORE_TRANSCRIPTION_MODEL" }

    @Test func aTranscriptionModelSendsSpeechToTheConfiguredServer() throws {
        let engines = try MediaEngines.installed(logger: TestCluster.logger, environment: Self.environment.merging(
            ["LORE_OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "LORE_TRANSCRIPTION_MODEL": "whisper-1"]) { $1 })
        let provider = try #require(try engines.transcribing() as? OpenAITranscriptionProvider)
        #expect(provider.modelName == "whisper-1")
    }

    @Test func aTranscriptionModelWithoutAServerIsAStartUpError() {
        #expect(throws: LoreError.self) {
            _ = try MediaEngines.installed(logger: TestCluster.logger, environment: Self.environment.merging(["LORE_TRANSCRIPTION_MODEL": "whisper-1"]) { $1 })
        }
    }

    @Test func localKeepsWhisperEvenWithAServerConfigured() throws {
        let engines = try MediaEngines.installed(logger: TestCluster.logger, environment: Self.environment.merging(
            ["LORE_OPENAI_API_KEY": "k", "LORE_TRANSCRIPTION_MODEL": "local"]) { $1 })
        #expect(!(try engines.transcribing() is OpenAITranscriptionProvider))
    }
}
