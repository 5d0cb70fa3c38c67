import LoreCore

/// The name a job type is registered and stored under, e.g. `media.transcribe`: a lower-case
/// letter, then up to 63 lower-case letters, digits, `_`, `.` or `-` (the table checks the same).
public struct JobKind: Hashable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String

    /// Validates `rawValue`; throws `invalid_job_kind` when it is not a valid name.
    public init(validating rawValue: String) throws {
        guard Self.isValid(rawValue) else {
            throw LoreError(.invalidJobKind, "a job kind is a lower-case letter followed by up to 63 of a-z, 0-9, _, . or -")
        }
        self.rawValue = rawValue
    }

    /// For literals in code; an invalid literal is a programming error.
    public init(stringLiteral value: String) {
        precondition(Self.isValid(value), "invalid job kind literal \(value)")
        self.rawValue = value
    }

    public var description: String { rawValue }

    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...64).contains(bytes.count), (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[0]) else { return false }
        return bytes.allSatisfy { b in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b)
                || b == UInt8(ascii: "_") || b == UInt8(ascii: ".") || b == UInt8(ascii: "-")
        }
    }

    public init(from decoder: any Decoder) throws {
        try self.init(validating: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
