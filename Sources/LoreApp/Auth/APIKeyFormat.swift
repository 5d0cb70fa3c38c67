import Crypto
import Foundation
import LoreCore

/// Lore API keys: `lore_<prefix>_<secret>`. The prefix (8 base-32 characters) is public and
/// unique: it finds the key and identifies it in listings. The secret (40 base-62 characters,
/// 238 bits) is shown once; only the sha256 of the whole key is stored — a fast hash is right
/// for random keys of this strength (no dictionary to attack).
public enum APIKeyFormat {
    static let prefixAlphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")
    static let secretAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    public struct Generated: Sendable {
        public let key: String
        public let prefix: String
        public let hash: [UInt8]
    }

    public static func generate() -> Generated {
        var generator = SystemRandomNumberGenerator()
        let prefix = "lore_" + String((0..<8).map { _ in prefixAlphabet.randomElement(using: &generator)! })
        let secret = String((0..<40).map { _ in secretAlphabet.randomElement(using: &generator)! })
        let key = prefix + "_" + secret
        return Generated(key: key, prefix: prefix, hash: hash(key))
    }

    /// The prefix of a presented key, or nil when it is not shaped like a Lore key.
    public static func prefix(of key: String) -> String? {
        let parts = key.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "lore", parts[1].count == 8, parts[2].count == 40,
              parts[1].allSatisfy(prefixAlphabet.contains), parts[2].allSatisfy(secretAlphabet.contains) else {
            return nil
        }
        return "lore_" + parts[1]
    }

    public static func hash(_ key: String) -> [UInt8] { Array(SHA256.hash(data: Data(key.utf8))) }

    /// Compares two digests in time independent of where they differ.
    public static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
