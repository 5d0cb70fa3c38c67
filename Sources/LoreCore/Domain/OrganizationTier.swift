/// Commercial tier of an organisation; drives defaults such as the embedding strategy and quotas.
public enum OrganizationTier: String, Sendable, Codable, CaseIterable {
    case free
    case starter
    case professional
    case enterprise
}
