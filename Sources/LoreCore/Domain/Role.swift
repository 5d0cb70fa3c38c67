/// What a caller may do inside its organisation. Ordered: each role can do everything the
/// roles below it can.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case viewer
    case member
    case admin
    case owner

    private var rank: Int {
        switch self {
        case .viewer: return 0
        case .member: return 1
        case .admin: return 2
        case .owner: return 3
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

    /// True when this role includes everything `required` may do.
    public func satisfies(_ required: Role) -> Bool { self >= required }
}
