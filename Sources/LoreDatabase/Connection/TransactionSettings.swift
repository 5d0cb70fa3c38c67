import LoreCore
import PostgresNIO

/// Run-time settings for one tenant transaction (`set_config(name, value, true)`), set with the
/// organisation in the transaction's first statement.
public struct TransactionSettings: Sendable, Equatable {
    public private(set) var values: [String: String]

    public init(_ values: [String: String] = [:]) { self.values = values }

    /// What `nearestChunks` over `route` needs set: nothing for an exact scan; through an
    /// organisation's own HNSW index, a candidate list of `efSearch` (at least `limit`),
    /// and iterative scans so filters cannot starve the result. Open the transaction with it to
    /// save the round trip `nearestChunks` otherwise spends setting it. The plan cache mode is not
    /// set here: the unnamed statements of filtered searches need custom plans, and the prepared
    /// statements of unfiltered ones, which name their organisation as a literal, force generic
    /// plans for their own execution (`PreparedStatements`).
    public static func vectorSearch(route: VectorRoute, efSearch: Int, limit: Int) -> TransactionSettings {
        guard route == .dedicated else { return TransactionSettings() }
        return TransactionSettings([
            "hnsw.ef_search": String(max(efSearch, limit)),
            "hnsw.iterative_scan": "relaxed_order",
        ])
    }

    /// True when every one of `other`'s values is set here.
    public func includes(_ other: TransactionSettings) -> Bool {
        other.values.allSatisfy { values[$0.key] == $0.value }
    }

    /// `SELECT set_config('lore.org_id', …, true), set_config(name, value, true)…` (without the
    /// organisation when `org` is nil) — names and values bound, never spliced.
    func statement(org: OrgID?) -> PostgresQuery {
        let calls = (org.map { [("lore.org_id", $0.description)] } ?? []) + values.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        var sql = SQLBuilder()
        sql.raw("SELECT ")
        for (index, (name, value)) in calls.enumerated() {
            sql.raw(index == 0 ? "set_config(" : ", set_config(")
            sql.bind(name)
            sql.raw(", ")
            sql.bind(value)
            sql.raw(", true)")
        }
        return sql.query
    }
}
