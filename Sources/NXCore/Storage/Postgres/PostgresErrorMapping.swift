import Logging
import NXRuntime
import PostgresNIO

/// Turns PostgreSQL failures into the project's typed errors, by SQLSTATE class: a unique or other integrity violation
/// (23) → 409; a value the statement cannot take (22: bad number or date text, string too long…), a program limit
/// (54: too many columns, statement too complex) or a malformed fulltext query (42601 from `to_tsquery`) → 400;
/// a serialization failure or deadlock (40) → 409, the client may retry; anything else → 500. The failing SQL is
/// logged at debug level only, truncated.
enum PostgresErrorMapping {
    static let logger = Logger(label: "nx.store")

    static func map(_ error: any Error) -> any Error {
        guard let error = error as? PSQLError else { return error }
        let state = error.serverInfo?[.sqlState] ?? ""
        let message = error.serverInfo?[.message] ?? "\(error.code)"
        let sql = error.query.map { String($0.sql.prefix(DatabaseErrorMapping.loggedSQLLength)) } ?? ""
        logger.debug("database statement failed", metadata: ["sqlstate": "\(state)", "message": "\(message)", "sql": "\(sql)"])
        switch state.prefix(2) {
        case "23": return NXError.conflict("Constraint violation: \(message)")
        case "40": return NXError.conflict("Concurrent update, try again: \(message)")
        case "22", "54": return NXError.invalid("Query exceeds a database limit or holds an invalid value: \(message)")
        default:
            if state == "42601", message.contains("tsquery") { return NXError.invalid("Invalid fulltext query: \(message)") }
            if state.isEmpty { return NXError.internal("Database connection failure: \(error.code)") }
            return NXError.internal("Database failure (\(state)): \(message)")
        }
    }
}
