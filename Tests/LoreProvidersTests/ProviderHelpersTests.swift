import Foundation
import Testing
import LoreCore
@testable import LoreProviders

@Suite struct ProviderHelpersTests {
    @Test func redactsKeysTokensAndURLCredentials() {
        let redactor = SecretRedactor(secrets: ["sk-live-1234567890abcdefXYZ"])
        let text = redactor.redact("""
            Incorrect API key provided: sk-live-1234567890abcdefXYZ; echoed sk-liv***********efXYZ, \
            partial 567890abcdef, header Authorization: Bearer abc.def-ghi, other sk-otherKEY123456, \
            api_key=hunter2hunter2, url https://bob:pa55@example.com/v1
            """)
        #expect(!text.contains("1234567890"))
        #expect(!text.contains("567890abcdef"))
        #expect(!text.contains("abc.def-ghi"))
        #expect(!text.contains("otherKEY123456"))
        #expect(!text.contains("hunter2"))
        #expect(!text.contains("pa55"))
        #expect(text.contains("Incorrect API key provided"))
    }

    @Test func fullJitterStaysUnderTheExponentialCeiling() {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: .milliseconds(200), maxDelay: .seconds(2))
        for retry in 0..<8 {
            for _ in 0..<50 {
                let wait = policy.delay(beforeRetry: retry, retryAfter: nil)!
                #expect(wait >= .zero)
                #expect(wait <= min(.seconds(2), .milliseconds(200 * (1 << retry))))
            }
        }
        #expect(policy.delay(beforeRetry: 0, retryAfter: .seconds(3)) == .seconds(3))
        #expect(policy.delay(beforeRetry: 0, retryAfter: .seconds(61)) == nil)
    }

    @Test func parsesRetryAfterForms() {
        #expect(RetryAfter.parse(milliseconds: "250", value: "9") == .milliseconds(250))
        #expect(RetryAfter.parse(milliseconds: nil, value: "7") == .seconds(7))
        #expect(RetryAfter.parse(milliseconds: nil, value: "soon") == nil)
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let date = RetryAfter.parse(milliseconds: nil, value: "Tue, 14 Nov 2023 22:13:50 GMT", now: now)
        #expect(date == .seconds(30))
    }

    @Test func wavHeaderAndSamplesAreCorrect() {
        let bytes = WAVEncoder.encode([0, 1, -1, 2, .nan][...], sampleRate: 16000)
        #expect(bytes.count == 44 + 10)
        #expect(Array(bytes[0..<4]) == Array("RIFF".utf8))
        #expect(Array(bytes[8..<16]) == Array("WAVEfmt ".utf8))
        #expect(bytes[24] == 0x80 && bytes[25] == 0x3E)  // 16000
        let samples = stride(from: 44, to: bytes.count, by: 2).map { Int16(bitPattern: UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8) }
        #expect(samples == [0, 32767, -32767, 32767, 0])
    }

    @Test func errorBodiesAreSummarised() {
        let body = Array(#"{"error":{"message":"bad input","type":"invalid_request_error","param":null,"code":null}}"#.utf8)
        #expect(ProviderErrorBody.summary(of: body) == "bad input; type invalid_request_error")
        #expect(ProviderErrorBody.summary(of: Array("<html>oops</html>".utf8)) == "<html>oops</html>")
        #expect(ProviderErrorBody.summary(of: []) == "empty response body")
    }

    @Test func whisperLanguageNamesBecomeCodes() {
        #expect(WhisperLanguages.code(for: "english") == "en")
        #expect(WhisperLanguages.code(for: "German") == "de")
        #expect(WhisperLanguages.code(for: "fr") == "fr")
        #expect(WhisperLanguages.code(for: "klingon") == nil)
    }
}
