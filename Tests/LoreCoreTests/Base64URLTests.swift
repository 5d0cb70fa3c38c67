import Foundation
import LoreCore
import Testing

@Suite struct Base64URLTests {
    @Test func roundTripsEveryLengthWithoutPadding() {
        for length in 0...40 {
            let data = Data((0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 251) })
            let text = Base64URL.encode(data)
            #expect(!text.contains("=") && !text.contains("+") && !text.contains("/"))
            #expect(length == 0 || Base64URL.decode(text) == data)
        }
    }

    /// 32 bytes take 43 characters; the last one carries 2 unused bits. "A" and "B" differ only
    /// there, so a lenient decoder would accept a signature with its last character changed.
    @Test func refusesNonCanonicalAndForeignSpellings() {
        let mac = Data(repeating: 0, count: 32)
        let canonical = Base64URL.encode(mac)
        #expect(canonical.last == "A")
        #expect(Base64URL.decode(canonical) == mac)
        #expect(Base64URL.decode(String(canonical.dropLast()) + "B") == nil)
        for bad in ["", "a+b/", "YQ==", "Y Q", "é", "a"] {
            #expect(Base64URL.decode(bad) == nil, "\(bad)")
        }
    }
}
