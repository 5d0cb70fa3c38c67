/// The three PostgreSQL roles of Lore's tenancy model.
public enum DatabaseRoles {
    /// Owns the schema and runs migrations. Not a superuser; subject to forced RLS.
    public static let owner = "lore_owner"
    /// Used by `lore serve`: owns nothing, not superuser, no BYPASSRLS.
    public static let app = "lore_app"
    /// BYPASSRLS, for cross-tenant maintenance only (job claiming, partition upkeep, listing orgs).
    public static let service = "lore_service"
    /// The schema every Lore object lives in.
    public static let schema = "lore"
}
