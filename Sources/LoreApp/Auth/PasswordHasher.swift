import CArgon2
import Foundation
import LoreCore

public extension ErrorCode {
    static let weakPassword = ErrorCode("invalid_password", .invalidInput)
}

/// Argon2id password hashes in the standard encoded form (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`),
/// via libargon2. Parameters follow OWASP's minimum for argon2id (19 MiB, 2 passes).
public struct PasswordHasher: Sendable {
    public var memoryKiB: UInt32 = 19 * 1024
    public var iterations: UInt32 = 2
    public var parallelism: UInt32 = 1

    public init() {}

    public func hash(_ password: String) throws -> String {
        let bytes = Array(password.utf8)
        guard bytes.count >= 8, bytes.count <= 1024 else {
            throw LoreError(.weakPassword, "a password needs 8 to 1024 bytes")
        }
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for i in salt.indices { salt[i] = UInt8.random(in: .min ... .max, using: &generator) }
        let length = argon2_encodedlen(iterations, memoryKiB, parallelism, UInt32(salt.count), 32, Argon2_id)
        var encoded = [CChar](repeating: 0, count: length)
        let status = argon2id_hash_encoded(iterations, memoryKiB, parallelism, bytes, bytes.count, salt, salt.count, 32, &encoded, length)
        guard status == ARGON2_OK.rawValue else {
            throw LoreError(.internalError, "password hashing failed: \(String(cString: argon2_error_message(status)))")
        }
        return String(decoding: encoded.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Constant-time verification against an encoded hash; false for malformed hashes.
    public func verify(_ password: String, against encoded: String) -> Bool {
        let bytes = Array(password.utf8)
        return encoded.withCString { argon2id_verify($0, bytes, bytes.count) } == ARGON2_OK.rawValue
    }
}
