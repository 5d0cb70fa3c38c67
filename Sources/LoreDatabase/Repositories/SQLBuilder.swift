import PostgresNIO

/// Builds a statement whose shape depends on options (filters) while every value stays a
/// bound parameter: `bind` appends `$n`, never the value.
struct SQLBuilder {
    private(set) var sql = ""
    private var bindings = PostgresBindings()
    private var count = 0

    mutating func raw(_ text: String) { sql += text }

    mutating func bind<T: PostgresDynamicTypeEncodable>(_ value: T) {
        count += 1
        bindings.append(value, context: .default)
        sql += "$\(count)"
    }

    /// Binds `value` with an explicit SQL type (`$n::type`), for arguments of SQL functions whose
    /// signature the bound Swift type alone would not match (an `Int` binds as `bigint`).
    mutating func bind<T: PostgresDynamicTypeEncodable>(_ value: T, as type: String) {
        bind(value)
        sql += "::\(type)"
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: bindings) }
}
