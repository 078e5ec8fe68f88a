import GRDB
import Logging
import NXRuntime

/// Turns SQLite failures into the project's typed errors. A statement that exceeds one of SQLite's limits (expression
/// depth, compound terms, variables, ORDER BY terms, pattern complexity, text size) or that FTS5 cannot parse is the
/// client's query being too large or malformed → 400 naming the limit; anything else stays a 500. The SQL of a failure
/// is logged at debug level only, truncated: a huge generated statement must not flood the log.
enum DatabaseErrorMapping {
    static let logger = Logger(label: "nx.store")
    /// Longest SQL text written to the log.
    static let loggedSQLLength = 512

    /// Phrases of SQLite's limit and FTS5 syntax messages.
    static let clientFaults = [
        "too many", "too large", "too complex", "too big", "stack overflow", "maximum depth", "at most", "fts5: syntax error",
        "unterminated string", "unknown special query",
    ]

    /// `error` as an `NXError`: a limit → `.invalid`, any other database failure → `.internal`; non-database errors
    /// are returned unchanged.
    static func map(_ error: any Error) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        let message = error.message ?? "database error \(error.resultCode.rawValue)"
        let sql = error.sql.map { $0.count > loggedSQLLength ? String($0.prefix(loggedSQLLength)) + "… (\($0.count) characters)" : $0 }
        logger.debug("database statement failed", metadata: ["message": "\(message)", "sql": "\(sql ?? "")"])
        let lowered = message.lowercased()
        if error.resultCode == .SQLITE_TOOBIG || (error.resultCode == .SQLITE_ERROR && clientFaults.contains(where: lowered.contains)) {
            return NXError.invalid("Query exceeds a database limit: \(message)")
        }
        if error.resultCode == .SQLITE_CONSTRAINT {
            return NXError.conflict("Constraint violation: \(message)")
        }
        return NXError.internal("Database failure (\(error.resultCode)): \(message)")
    }

    /// Runs `body`, mapping what it throws.
    static func mapping<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw map(error) }
    }

    /// Runs `body`, mapping what it throws.
    static func mapping<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch { throw map(error) }
    }
}
