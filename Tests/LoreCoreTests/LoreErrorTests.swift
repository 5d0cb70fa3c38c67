import Testing
@testable import LoreCore

@Suite struct LoreErrorTests {
    @Test func codesCompareByRawValueAndKeepTheirCategory() {
        let custom = ErrorCode("media_corrupt", .invalidInput)
        #expect(custom == ErrorCode("media_corrupt", .invalidInput))
        #expect(custom != ErrorCode.invalidJSON)
        #expect(ErrorCode.quotaExceeded.category == .tooLarge)
        #expect(LoreError(.notFound, "no such media").description == "not_found: no such media")
    }

    @Test func hammingDistanceCountsDifferingBits() {
        #expect(PerceptualHashes.hammingDistance(0, 0) == 0)
        #expect(PerceptualHashes.hammingDistance(0b1011, 0b0001) == 2)
        #expect(PerceptualHashes.hammingDistance(.max, 0) == 64)
    }
}

/// Log lines written while a request is served carry its id through the metadata provider.
@Suite struct RequestLogContextTests {
    @Test func theProviderAddsTheRequestIDOnlyInsideTheRequest() async {
        #expect(RequestLogContext.metadataProvider.get().isEmpty)
        let inside = RequestLogContext.$requestID.withValue("req-42") { RequestLogContext.metadataProvider.get() }
        #expect(inside["lore.request"] == .string("req-42"))
        let child = await RequestLogContext.$requestID.withValue("req-43") {
            await Task { RequestLogContext.metadataProvider.get()["lore.request"] }.value
        }
        #expect(child == .string("req-43"))
    }
}
