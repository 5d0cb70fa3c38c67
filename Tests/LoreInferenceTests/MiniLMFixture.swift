import Foundation
import LoreCore
@testable import LoreInference

/// One embedder shared by the suites of this target (loading copies 90 MB of weights).
enum MiniLMFixture {
    private static let loaded: Result<MiniLMEmbedder, any Error> = Result {
        try MiniLMEmbedder(configuration: .init(threads: 2))
    }

    static func embedder() throws -> MiniLMEmbedder { try loaded.get() }

    static func cosine(_ a: [Float], _ b: [Float]) -> Double {
        var dot = 0.0, normA = 0.0, normB = 0.0
        for (x, y) in zip(a, b) {
            dot += Double(x) * Double(y)
            normA += Double(x) * Double(x)
            normB += Double(y) * Double(y)
        }
        return dot / (normA.squareRoot() * normB.squareRoot())
    }

    static func norm(_ a: [Float]) -> Double { a.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot() }

    static func decodeFloats(base64: String) -> [Float] {
        let data = Data(base64Encoded: base64, options: .ignoreUnknownCharacters)!
        return data.withUnsafeBytes { raw in
            (0..<(raw.count / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
    }
}
