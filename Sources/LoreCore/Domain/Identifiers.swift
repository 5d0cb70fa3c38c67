import Foundation

/// Identifier of an organisation (tenant). A distinct type so an org id can never be passed
/// where a media id is expected.
public struct OrgID: Hashable, Sendable, Codable, CustomStringConvertible {
    public let uuid: UUID
    public init(_ uuid: UUID = UUID()) { self.uuid = uuid }
    public init?(_ string: String) {
        guard let uuid = UUID(uuidString: string) else { return nil }
        self.uuid = uuid
    }
    public var description: String { uuid.uuidString.lowercased() }
    public init(from decoder: any Decoder) throws { uuid = try UUID(from: decoder) }
    /// Lower-case text, as the API and PostgreSQL print ids.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Identifier of a media item (recording, image or document).
public struct MediaID: Hashable, Sendable, Codable, CustomStringConvertible {
    public let uuid: UUID
    public init(_ uuid: UUID = UUID()) { self.uuid = uuid }
    public init?(_ string: String) {
        guard let uuid = UUID(uuidString: string) else { return nil }
        self.uuid = uuid
    }
    public var description: String { uuid.uuidString.lowercased() }
    public init(from decoder: any Decoder) throws { uuid = try UUID(from: decoder) }
    /// Lower-case text, as the API and PostgreSQL print ids.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension UUID {
    /// Lower-case canonical text, as PostgreSQL prints it.
    public var lowercasedString: String { uuidString.lowercased() }
}
