import LoreCore
import PostgresNIO

public extension ErrorCode {
    static let invalidValue = ErrorCode("invalid_value", .invalidInput)
    static let referencedRowMissing = ErrorCode("referenced_row_missing", .notFound)
    static let tenantViolation = ErrorCode("tenant_violation", .notFound)
    static let queryCancelled = ErrorCode("query_cancelled", .timeout)
}

/// Turns driver errors into `LoreError`s: a stable code plus a message that never contains the
/// query text, bound values or server internals. The constraint name is kept in `details` so
/// callers can refine a conflict ("slug taken", "duplicate media").
public enum DatabaseErrors {
    /// Driver errors become `LoreError`s; anything else (a caller's own error thrown inside a
    /// transaction, cancellation) passes through unchanged.
    public static func translate(_ error: any Error) -> any Error {
        if let tx = error as? PostgresTransactionError {
            if let closureError = tx.closureError { return translate(closureError) }
            return map(tx.beginError ?? tx.commitError ?? error)
        }
        if error is PSQLError { return map(error) }
        return error
    }

    public static func map(_ error: any Error) -> LoreError {
        if let lore = error as? LoreError { return lore }
        let server: (state: String?, constraint: String?, message: String?)
        switch error {
        case let psql as PSQLError:
            if psql.serverInfo == nil, psql.code == .queryCancelled {
                return LoreError(.queryCancelled, "database query was cancelled")
            }
            server = (psql.serverInfo?[.sqlState], psql.serverInfo?[.constraintName], psql.serverInfo?[.message])
        case let legacy as PostgresError:
            if case .server(let info) = legacy {
                server = (info.fields[.sqlState], info.fields[.constraintName], info.fields[.message])
            } else {
                server = (nil, nil, "\(legacy)")
            }
        default:
            return LoreError(.databaseUnavailable, "database request failed", diagnostic: "\(error)")
        }
        guard let state = server.state else {
            return LoreError(.databaseUnavailable, "database is unavailable", diagnostic: server.message ?? "\(error)")
        }
        var details: [String: String] = ["sqlstate": state]
        if let constraint = server.constraint { details["constraint"] = constraint }
        let diagnostic = server.message
        func failure(_ code: ErrorCode, _ message: String) -> LoreError {
            LoreError(code, message, details: details, diagnostic: diagnostic)
        }
        switch state {
        case "23505": return failure(.conflict, "a record with the same unique value already exists")
        case "23503": return failure(.referencedRowMissing, "a referenced record does not exist")
        case "23514", "23502", "22001", "22P02", "22003", "22007", "22008", "22023", "2202E", "22000":
            return failure(.invalidValue, "a value is not valid here")
        case "42501":
            // Row-level security rejected a row of another tenant (WITH CHECK).
            return failure(.tenantViolation, "no such record in this organisation")
        case "57014": return failure(.queryCancelled, "database query was cancelled")
        case "40001", "40P01": return failure(.conflict, "concurrent update, try again")
        case let s where s.hasPrefix("08") || s.hasPrefix("57P"):
            return failure(.databaseUnavailable, "database is unavailable")
        default:
            return failure(.internalError, "database error \(state)")
        }
    }
}
