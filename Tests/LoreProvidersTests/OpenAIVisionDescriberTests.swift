import Foundation
import Testing
import LoreCore
@testable import LoreProviders
import LoreTestSupport

/// Picture descriptions through an OpenAI-compatible chat completion with image input, against
/// the local simulator: the request's shape, the answer, usage, and every failure typed.
@Suite struct OpenAIVisionDescriberTests {
    /// The smallest JPEG header the format check accepts, plus some bytes.
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: 0x42, count: 60)

    @Test func sendsThePromptAndPictureAndReturnsTheDescription() async throws {
        try await OpenAISimulator.run { simulator in
            await simulator.setDescription("  A bar chart of quarterly revenue.\n")
            let usage = ProviderUsageLog()
            let describer = try OpenAIVisionDescriber(configuration: try configuration(for: simulator, sleeps: SleepRecorder()),
                                                      model: "gpt-4o-mini", usageRecorder: usage)
            let text = try await UsageAttribution.$organization.withValue("org-1") {
                try await describer.describe(image: EncodedImage(bytes: Self.jpeg), prompt: "Describe it.")
            }
            #expect(text == "A bar chart of quarterly revenue.")
            let request = try #require(await simulator.requests.first)
            #expect(request.path == "/v1/chat/completions")
            #expect(request.model == "gpt-4o-mini" && request.inputs == ["Describe it."])
            #expect(request.fields["images"] == "1" && request.fields["image_media_type"] == "image/jpeg")
            #expect(request.fields["image_bytes"] == String(Self.jpeg.count) && request.fields["detail"] == "low")
            #expect(request.fields["max_tokens"] == "120")
            #expect(request.authorization == "Bearer \(simulatorKey)")
            let entries = await usage.entries
            #expect(entries.count == 1 && entries.first?.operation == .vision && entries.first?.attribution == "org-1")
            #expect((entries.first?.totalTokens ?? 0) > 0)
        }
    }

    @Test func failuresAreTypedAndOnlyTransientOnesRetried() async throws {
        try await OpenAISimulator.run { simulator in
            let sleeps = SleepRecorder()
            let describer = try OpenAIVisionDescriber(configuration: try configuration(for: simulator, sleeps: sleeps), model: "gpt-4o-mini")
            let picture = EncodedImage(bytes: Self.jpeg)
            await simulator.failNext(.serverError(status: 503))
            #expect(try await describer.describe(image: picture, prompt: "p").isEmpty == false)
            #expect(await sleeps.waits.count == 1)

            await simulator.failNext(.badRequest(message: "Invalid image."))
            #expect(await expectError(code: .providerRejectedRequest) { _ = try await describer.describe(image: picture, prompt: "p") } != nil)
            await simulator.failNext(.malformedJSON)
            #expect(await expectError(code: .providerBadResponse) { _ = try await describer.describe(image: picture, prompt: "p") } != nil)
            await simulator.setDescription("   ")
            #expect(await expectError(code: .providerBadResponse) { _ = try await describer.describe(image: picture, prompt: "p") } != nil)

            // A format the API does not take is refused before anything is sent.
            let sent = await simulator.requests.count
            let tiff = EncodedImage(bytes: [0x49, 0x49, 0x2A, 0x00] + Array(repeating: 0, count: 60))
            #expect(await expectError(code: .invalidArgument) { _ = try await describer.describe(image: tiff, prompt: "p") } != nil)
            #expect(await simulator.requests.count == sent)
        }
        try await OpenAISimulator.run { simulator in
            let describer = try OpenAIVisionDescriber(configuration: try configuration(for: simulator, key: "sk-wrong", sleeps: SleepRecorder()),
                                                      model: "gpt-4o-mini")
            let error = await expectError(code: .providerAuthenticationFailed) {
                _ = try await describer.describe(image: EncodedImage(bytes: Self.jpeg), prompt: "p")
            }
            #expect(error != nil && error?.message.contains("sk-wrong") == false)
        }
    }
}
