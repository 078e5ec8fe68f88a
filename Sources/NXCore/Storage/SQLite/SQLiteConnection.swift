import Foundation
import GRDB

/// A GRDB database connection as an `SQLConnection`: statements prepared once per connection and cached.
struct SQLiteConnection: SQLConnection {
    let db: Database

    var dialect: any SQLDialect { SQLiteDialect.shared }

    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
        return db.changesCount
    }

    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        let statement = try db.cachedStatement(sql: sql)
        let columns = statement.columnNames
        return try Row.fetchAll(statement, arguments: Self.arguments(arguments)).map { row in
            SQLRow(values: (0..<row.count).map { Self.value(row[$0] as DatabaseValue) }, columns: columns)
        }
    }

    func savepoint(_ body: () throws -> Void) throws {
        var failure: (any Error)?
        try db.inSavepoint {
            do {
                try body()
                return .commit
            } catch {
                failure = error
                return .rollback
            }
        }
        if let failure { throw failure }
    }

    static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: return .null
        case .int64(let i): return .integer(i)
        case .double(let d): return .double(d)
        case .string(let s): return .text(s)
        case .blob(let data): return .blob(data)
        }
    }

    static func arguments(_ values: [SQLValue]) -> StatementArguments {
        StatementArguments(values.map { value -> (any DatabaseValueConvertible)? in
            switch value {
            case .null: return nil
            case .integer(let i): return i
            case .double(let d): return d
            case .text(let s): return s
            case .blob(let data): return data
            }
        })
    }
}
